namespace CameraCloud.Cameras;

public sealed class CameraNotFoundException(string cameraId)
    : Exception($"Camera '{cameraId}' is not registered.")
{
    public string CameraId { get; } = cameraId;
}
