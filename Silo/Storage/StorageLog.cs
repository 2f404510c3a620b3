using Microsoft.Extensions.Logging;

namespace CameraCloud.Silo.Storage;

/// <summary>Log events of the grain storage; event names are stable for dashboards.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2001, EventName = "GrainDataFolderReady", Level = LogLevel.Information,
        Message = "Embedded grain storage in {DataPath}")]
    public static partial void DataFolderReady(ILogger logger, string dataPath);

    [LoggerMessage(EventId = 2002, EventName = "GrainRecordUnreadable", Level = LogLevel.Error,
        Message = "Grain state file {Path} cannot be read: {Problem}")]
    public static partial void UnreadableRecord(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 2003, EventName = "GrainRedisConnected", Level = LogLevel.Information,
        Message = "Connected to Redis on {Endpoints}")]
    public static partial void RedisConnected(ILogger logger, string endpoints);

    [LoggerMessage(EventId = 2004, EventName = "GrainRedisRecordUnreadable", Level = LogLevel.Error,
        Message = "Grain state record {RedisKey} cannot be read: {Problem}")]
    public static partial void RedisUnreadableRecord(ILogger logger, string redisKey, string problem);

    [LoggerMessage(EventId = 2005, EventName = "GrainRedisConnectionLost", Level = LogLevel.Warning,
        Message = "Lost Redis {Endpoint} ({FailureType}); reconnecting")]
    public static partial void RedisConnectionLost(ILogger logger, string endpoint, string failureType);

    [LoggerMessage(EventId = 2006, EventName = "GrainRedisConnectionRestored", Level = LogLevel.Information,
        Message = "Redis reconnected to {Endpoint}")]
    public static partial void RedisConnectionRestored(ILogger logger, string endpoint);
}
