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
}
