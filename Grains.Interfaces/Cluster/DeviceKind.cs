namespace CameraCloud.Cluster;

/// <summary>The kinds of device that hold a connection to one node and so have an owner in the directory.</summary>
public enum DeviceKind
{
    /// <summary>A V720 camera: its TCP 6123 control connection (and the UDP media bound to it).</summary>
    Camera,

    /// <summary>A CameraCloud Agent: its tunnel WebSocket.</summary>
    Agent,
}
