namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>How a viewer reaches the camera: at the node that holds it, or through another node.</summary>
public enum ViewerPath
{
    Direct,
    Forwarded,
}
