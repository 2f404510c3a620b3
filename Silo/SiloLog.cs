namespace CameraCloud.Silo;

internal static partial class SiloLog
{
    [LoggerMessage(EventId = 1000, EventName = "GatewayListening", Level = LogLevel.Information,
        Message = "Gateway (REST, Swagger at /swagger, MJPEG) listening on {Urls}")]
    public static partial void GatewayListening(ILogger logger, string urls);

    [LoggerMessage(EventId = 1001, EventName = "StartFailed", Level = LogLevel.Critical,
        Message = "CameraCloud could not start: {Reason}")]
    public static partial void StartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1040, EventName = "CameraRecordRespelled", Level = LogLevel.Information,
        Message = "Camera record '{From}' moved to '{To}', ids being lower case now (merged with a record already there: {Merged})")]
    public static partial void CameraRecordMigrated(ILogger logger, string from, string to, bool merged);

    [LoggerMessage(EventId = 1041, EventName = "CameraIdsRespelled", Level = LogLevel.Information,
        Message = "{Count} camera id(s) of the index moved to lower case")]
    public static partial void CameraIdsMigrated(ILogger logger, int count);

    [LoggerMessage(EventId = 1042, EventName = "CameraIdRespellingConflicted", Level = LogLevel.Information,
        Message = "Moving camera ids to lower case met another writer (pass {Pass}); reading again: {Reason}")]
    public static partial void CameraIdMigrationConflicted(ILogger logger, int pass, string reason);
}
