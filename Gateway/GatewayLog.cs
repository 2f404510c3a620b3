using CameraCloud.Cameras;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway;

/// <summary>Source-generated log events of the gateway. Event names are a contract for dashboards.</summary>
internal static partial class GatewayLog
{
    public const string Category = "CameraCloud.Gateway";

    [LoggerMessage(EventId = 1000, EventName = "ViewerJoined", Level = LogLevel.Information,
        Message = "Viewer joined camera {CameraId} ({Media}, subscription {SubscriptionId})")]
    public static partial void ViewerJoined(this ILogger logger, string cameraId, string media, long subscriptionId);

    [LoggerMessage(EventId = 1001, EventName = "ViewerLeft", Level = LogLevel.Information,
        Message = "Viewer left camera {CameraId} ({Media}, subscription {SubscriptionId}): {Reason}; {Items} items sent, {Dropped} dropped for falling behind")]
    public static partial void ViewerLeft(this ILogger logger, string cameraId, string media, long subscriptionId, PumpEnd reason, long items, long dropped);

    [LoggerMessage(EventId = 1002, EventName = "MediaSourceFailed", Level = LogLevel.Warning,
        Message = "Media of camera {CameraId} ({Media}) ended with an error")]
    public static partial void MediaSourceFailed(this ILogger logger, string cameraId, string media, Exception exception);

    [LoggerMessage(EventId = 1010, EventName = "SnapshotTimedOut", Level = LogLevel.Warning,
        Message = "No frame from camera {CameraId} within {Timeout} for a snapshot")]
    public static partial void SnapshotTimedOut(this ILogger logger, string cameraId, TimeSpan timeout);

    // The setting only: a joinWifi content carries a password.
    [LoggerMessage(EventId = 1020, EventName = "CommandSent", Level = LogLevel.Information,
        Message = "Command {Setting} sent to camera {CameraId}")]
    public static partial void CommandSent(this ILogger logger, string cameraId, CameraSetting setting);

    [LoggerMessage(EventId = 1021, EventName = "CommandNeedsConfirmation", Level = LogLevel.Information,
        Message = "Command {Setting} for camera {CameraId} refused: not confirmed")]
    public static partial void CommandNeedsConfirmation(this ILogger logger, string cameraId, CameraSetting setting);

    [LoggerMessage(EventId = 1030, EventName = "RequestFailed", Level = LogLevel.Error,
        Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 1031, EventName = "RequestFailedAfterResponseStarted", Level = LogLevel.Warning,
        Message = "{Method} {Path} failed after the response started; the connection is aborted")]
    public static partial void RequestFailedAfterResponseStarted(this ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 1032, EventName = "RequestRefused", Level = LogLevel.Debug,
        Message = "{Method} {Path} answered {StatusCode}: {Reason}")]
    public static partial void RequestRefused(this ILogger logger, string method, string path, int statusCode, string reason);

    [LoggerMessage(EventId = 1040, EventName = "ApiLoginFailed", Level = LogLevel.Warning,
        Message = "API request with a key that was not accepted, from {Address}, key id {KeyId} ({Suppressed} more since the last such line)")]
    public static partial void ApiLoginFailed(ILogger logger, string address, string keyId, long suppressed);

    [LoggerMessage(EventId = 1041, EventName = "ApiKeyCreated", Level = LogLevel.Information,
        Message = "API key {KeyId} ({Role}, '{Name}') created by key {CreatedBy}")]
    public static partial void ApiKeyCreated(ILogger logger, string keyId, string role, string name, string createdBy);

    [LoggerMessage(EventId = 1042, EventName = "ApiKeyRevoked", Level = LogLevel.Information,
        Message = "API key {KeyId} revoked by key {RevokedBy}")]
    public static partial void ApiKeyRevoked(ILogger logger, string keyId, string revokedBy);
}
