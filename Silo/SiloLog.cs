namespace CameraCloud.Silo;

internal static partial class SiloLog
{
    [LoggerMessage(EventId = 1000, EventName = "GatewayListening", Level = LogLevel.Information,
        Message = "Gateway (REST, Swagger at /swagger, MJPEG) listening on {Urls}")]
    public static partial void GatewayListening(ILogger logger, string urls);

    [LoggerMessage(EventId = 1001, EventName = "StartFailed", Level = LogLevel.Critical,
        Message = "CameraCloud could not start: {Reason}")]
    public static partial void StartFailed(ILogger logger, string reason);
}
