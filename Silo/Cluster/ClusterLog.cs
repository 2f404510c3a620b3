using Microsoft.Extensions.Logging;

namespace CameraCloud.Silo.Cluster;

/// <summary>Log events of the device directory and the membership; event names are stable for dashboards.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 3001, EventName = "ClusterAdvertiseAddress", Level = LogLevel.Information,
        Message = "Cluster node {NodeId} advertises {Address} (from {Source}), roles {Roles}")]
    public static partial void AdvertiseAddressChosen(ILogger logger, string nodeId, Uri address, string source, string roles);

    [LoggerMessage(EventId = 3002, EventName = "ClusterNodeJoined", Level = LogLevel.Information,
        Message = "Cluster node {NodeId} is live at {Address}, roles {Roles}")]
    public static partial void NodeJoined(ILogger logger, string nodeId, Uri address, string roles);

    [LoggerMessage(EventId = 3003, EventName = "ClusterNodeLeft", Level = LogLevel.Information,
        Message = "Cluster node {NodeId} left")]
    public static partial void NodeLeft(ILogger logger, string nodeId);

    [LoggerMessage(EventId = 3004, EventName = "ClusterNodeExpired", Level = LogLevel.Warning,
        Message = "Cluster node {NodeId} expired: no heartbeat within {NodeExpiry}")]
    public static partial void NodeExpired(ILogger logger, string nodeId, TimeSpan nodeExpiry);

    [LoggerMessage(EventId = 3005, EventName = "ClusterHeartbeatFailing", Level = LogLevel.Warning,
        Message = "Cluster heartbeats fail ({Reason}); retrying every {Interval}")]
    public static partial void HeartbeatFailing(ILogger logger, string reason, TimeSpan interval);

    [LoggerMessage(EventId = 3006, EventName = "ClusterHeartbeatResumed", Level = LogLevel.Information,
        Message = "Cluster heartbeats work again")]
    public static partial void HeartbeatResumed(ILogger logger);

    [LoggerMessage(EventId = 3007, EventName = "ClusterNodeUnreadable", Level = LogLevel.Warning,
        Message = "Cluster node advertisement '{NodeId}' cannot be read ({Problem}); the node is treated as absent")]
    public static partial void NodeUnreadable(ILogger logger, string nodeId, string problem);

    [LoggerMessage(EventId = 3008, EventName = "ClusterKeyReplaced", Level = LogLevel.Warning,
        Message = "The cluster's internal key in Redis is not the one this node holds (Redis lost its data?); using the stored one")]
    public static partial void InternalKeyReplaced(ILogger logger);

    [LoggerMessage(EventId = 3009, EventName = "ClusterLeaveFailed", Level = LogLevel.Warning,
        Message = "Cluster node {NodeId} could not remove its advertisement ({Reason}); it expires within {NodeExpiry}")]
    public static partial void LeaveFailed(ILogger logger, string nodeId, string reason, TimeSpan nodeExpiry);

    [LoggerMessage(EventId = 3010, EventName = "DirectoryDeviceTakenOver", Level = LogLevel.Information,
        Message = "Device {Device} connected here while node {PreviousNode} held it; claimed with epoch {Epoch}")]
    public static partial void DeviceTakenOver(ILogger logger, string device, string previousNode, long epoch);

    [LoggerMessage(EventId = 3011, EventName = "DirectoryDeviceFenced", Level = LogLevel.Warning,
        Message = "Device {Device} (epoch {Epoch}) is now held by node {NewOwner} with epoch {NewEpoch}; learnt from {How}")]
    public static partial void DeviceFenced(ILogger logger, string device, long epoch, string newOwner, long newEpoch, string how);

    [LoggerMessage(EventId = 3012, EventName = "DirectoryEntryUnreadable", Level = LogLevel.Warning,
        Message = "Directory entry {RedisKey} cannot be read ({Problem}); {Outcome}")]
    public static partial void EntryUnreadable(ILogger logger, string redisKey, string problem, string outcome);

    [LoggerMessage(EventId = 3013, EventName = "DirectoryRenewalFailing", Level = LogLevel.Warning,
        Message = "Device lease renewal fails ({Reason}); the {Count} leases stay held here and are renewed when Redis answers")]
    public static partial void RenewalFailing(ILogger logger, string reason, int count);

    [LoggerMessage(EventId = 3014, EventName = "DirectoryRenewalResumed", Level = LogLevel.Information,
        Message = "Device lease renewal works again ({Count} leases)")]
    public static partial void RenewalResumed(ILogger logger, int count);

    [LoggerMessage(EventId = 3015, EventName = "DirectoryEntryRestored", Level = LogLevel.Information,
        Message = "Directory entry of {Device} was missing (Redis lost its data?); restored with epoch {Epoch}")]
    public static partial void EntryRestored(ILogger logger, string device, long epoch);

    [LoggerMessage(EventId = 3016, EventName = "DirectoryReleaseFailed", Level = LogLevel.Warning,
        Message = "Device {Device} could not be released ({Reason}); its lease lapses within {LeaseDuration}")]
    public static partial void ReleaseFailed(ILogger logger, string device, string reason, TimeSpan leaseDuration);

    [LoggerMessage(EventId = 3017, EventName = "DirectoryFencedCallbackFailed", Level = LogLevel.Error,
        Message = "The fencing callback of device {Device} failed")]
    public static partial void FencedCallbackFailed(ILogger logger, string device, Exception exception);

    [LoggerMessage(EventId = 3018, EventName = "DirectoryClaimNoticeUnreadable", Level = LogLevel.Warning,
        Message = "A message on the directory's claims channel cannot be read: '{Message}'")]
    public static partial void ClaimNoticeUnreadable(ILogger logger, string message);

    [LoggerMessage(EventId = 3019, EventName = "DirectoryRenewalRoundFailed", Level = LogLevel.Error,
        Message = "A device lease renewal round failed; the next round retries")]
    public static partial void RenewalRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3020, EventName = "ClusterHeartbeatRoundFailed", Level = LogLevel.Error,
        Message = "A cluster heartbeat round failed; the next round retries")]
    public static partial void HeartbeatRoundFailed(ILogger logger, Exception exception);
}
