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

    [LoggerMessage(EventId = 1050, EventName = "AdminKeyGenerated", Level = LogLevel.Warning,
        Message = "No API key existed: made admin key {KeyId} and wrote it to {Path} (readable by this user only). Use it as 'Authorization: Bearer <key>', make the keys you need with POST /api/keys, then keep the file safe or delete it")]
    public static partial void AdminKeyGenerated(ILogger logger, string keyId, string path);

    [LoggerMessage(EventId = 1051, EventName = "AdminKeyFromConfiguration", Level = LogLevel.Information,
        Message = "The admin key from Auth:BootstrapAdminKey is accepted")]
    public static partial void AdminKeyFromConfiguration(ILogger logger);

    [LoggerMessage(EventId = 1052, EventName = "AdminKeyExists", Level = LogLevel.Information,
        Message = "API keys are in place; the first generated admin key is in {Path}")]
    public static partial void AdminKeyExists(ILogger logger, string path);
}
