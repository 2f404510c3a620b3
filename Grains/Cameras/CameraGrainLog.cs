using CameraCloud.Cameras;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Grains.Cameras;

/// <summary>Log events of camera grains; the names are stable for dashboards.</summary>
internal static partial class CameraGrainLog
{
    [LoggerMessage(EventId = 1100, EventName = "CameraOnline", Level = LogLevel.Information,
        Message = "Camera {CameraId} online from {RemoteEndPoint} (new: {IsNew})")]
    public static partial void Online(ILogger logger, string cameraId, string remoteEndPoint, bool isNew);

    [LoggerMessage(EventId = 1101, EventName = "CameraOffline", Level = LogLevel.Information,
        Message = "Camera {CameraId} offline: {Reason}")]
    public static partial void Offline(ILogger logger, string cameraId, string reason);

    [LoggerMessage(EventId = 1102, EventName = "CameraLinkReplaced", Level = LogLevel.Information,
        Message = "Camera {CameraId}: connection from {NewEndPoint} replaces {OldEndPoint}")]
    public static partial void LinkReplaced(ILogger logger, string cameraId, string oldEndPoint, string newEndPoint);

    [LoggerMessage(EventId = 1103, EventName = "CameraStreamStarting", Level = LogLevel.Information,
        Message = "Camera {CameraId}: starting stream for {Viewers} viewer(s)")]
    public static partial void StreamStarting(ILogger logger, string cameraId, int viewers);

    [LoggerMessage(EventId = 1104, EventName = "CameraStreamStopping", Level = LogLevel.Information,
        Message = "Camera {CameraId}: last viewer left, stopping stream")]
    public static partial void StreamStopping(ILogger logger, string cameraId);

    [LoggerMessage(EventId = 1105, EventName = "CameraWatchdogRestart", Level = LogLevel.Warning,
        Message = "Camera {CameraId}: no video for {Seconds:F1} s while viewers wait, restarting the stream")]
    public static partial void WatchdogRestart(ILogger logger, string cameraId, double seconds);

    [LoggerMessage(EventId = 1106, EventName = "CameraCommandSent", Level = LogLevel.Information,
        Message = "Camera {CameraId}: command {Setting} {Content}")]
    public static partial void CommandSent(ILogger logger, string cameraId, CameraSetting setting, string content);

    [LoggerMessage(EventId = 1107, EventName = "CameraDeleted", Level = LogLevel.Information,
        Message = "Camera {CameraId} deleted")]
    public static partial void Deleted(ILogger logger, string cameraId);

    [LoggerMessage(EventId = 1120, EventName = "CameraRecordReadFailed", Level = LogLevel.Warning,
        Message = "Camera {CameraId}: its record could not be read again ({Reason}); showing the copy this node holds")]
    public static partial void RecordReadFailed(ILogger logger, string cameraId, string reason);
}
