namespace CameraCloud.Cameras;

public sealed class CameraOfflineException(string cameraId)
    : Exception($"Camera '{cameraId}' is registered but not connected.")
{
    public string CameraId { get; } = cameraId;
}
