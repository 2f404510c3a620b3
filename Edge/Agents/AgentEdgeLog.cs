using Microsoft.Extensions.Logging;

namespace CameraCloud.Edge.Agents;

/// <summary>Log events of the agent edge; the names are stable for dashboards. Tokens never appear in them.</summary>
internal static partial class AgentEdgeLog
{
    [LoggerMessage(EventId = 1500, EventName = "AgentConnected", Level = LogLevel.Information,
        Message = "Agent {AgentId} connected from {RemoteEndPoint}, version {Version}, local IP {LocalIp}")]
    public static partial void Connected(ILogger logger, string agentId, string remoteEndPoint, string version, string? localIp);

    [LoggerMessage(EventId = 1501, EventName = "AgentAuthFailed", Level = LogLevel.Warning,
        Message = "Agent login from {RemoteAddress} refused ({Failures} failure(s) from it this minute)")]
    public static partial void AuthFailed(ILogger logger, string remoteAddress, int failures);

    [LoggerMessage(EventId = 1502, EventName = "AgentAuthRateLimited", Level = LogLevel.Warning,
        Message = "Agent login from {RemoteAddress} refused with 429: too many failures, retry after {RetryAfterSeconds} s")]
    public static partial void AuthRateLimited(ILogger logger, string remoteAddress, int retryAfterSeconds);

    [LoggerMessage(EventId = 1503, EventName = "AgentEvicted", Level = LogLevel.Information,
        Message = "Agent {AgentId}: session from {OldEndPoint} evicted by a newer one from {NewEndPoint}")]
    public static partial void Evicted(ILogger logger, string agentId, string oldEndPoint, string newEndPoint);

    [LoggerMessage(EventId = 1504, EventName = "AgentSessionEnded", Level = LogLevel.Information,
        Message = "Agent {AgentId} session from {RemoteEndPoint} ended: {Reason}")]
    public static partial void Ended(ILogger logger, string agentId, string remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1505, EventName = "AgentHandshakeFailed", Level = LogLevel.Warning,
        Message = "Agent {AgentId} from {RemoteEndPoint}: handshake failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, string agentId, string remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1506, EventName = "AgentIdMismatch", Level = LogLevel.Warning,
        Message = "Agent {AgentId} from {RemoteEndPoint} said it is '{HelloAgentId}' in HELLO; closed with PROTOCOL_ERROR")]
    public static partial void IdMismatch(ILogger logger, string agentId, string remoteEndPoint, string helloAgentId);

    [LoggerMessage(EventId = 1507, EventName = "AgentTargetsPushed", Level = LogLevel.Information,
        Message = "Agent {AgentId}: its targets differ from the registry's; pushed {Targets} target(s) (ok: {Ok})")]
    public static partial void TargetsPushed(ILogger logger, string agentId, int targets, bool ok);

    [LoggerMessage(EventId = 1508, EventName = "AgentTargetsPushFailed", Level = LogLevel.Warning,
        Message = "Agent {AgentId}: pushing the registry's targets failed: {Error}")]
    public static partial void TargetsPushFailed(ILogger logger, string agentId, string error);

    [LoggerMessage(EventId = 1509, EventName = "AgentGrainCallFailed", Level = LogLevel.Warning,
        Message = "Agent {AgentId}: a grain call from the edge failed")]
    public static partial void GrainCallFailed(ILogger logger, string agentId, Exception exception);

    [LoggerMessage(EventId = 1510, EventName = "AgentCloseFailed", Level = LogLevel.Debug,
        Message = "Agent {AgentId}: sending GOAWAY failed: {Error}")]
    public static partial void CloseFailed(ILogger logger, string agentId, string error);

    [LoggerMessage(EventId = 1511, EventName = "AgentsShutdown", Level = LogLevel.Information,
        Message = "Node stopping: GOAWAY SHUTDOWN sent to {Sessions} agent session(s)")]
    public static partial void Shutdown(ILogger logger, int sessions);

    [LoggerMessage(EventId = 1512, EventName = "AgentClaimFailed", Level = LogLevel.Warning,
        Message = "Agent {AgentId} at {RemoteEndPoint} sent away: the device directory did not answer ({Reason})")]
    public static partial void ClaimFailed(ILogger logger, string agentId, string remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1513, EventName = "AgentFenced", Level = LogLevel.Information,
        Message = "Agent {AgentId} at {RemoteEndPoint} (epoch {Epoch}) connected to node {NewNodeId} since (epoch {NewEpoch}); closing the stale session here")]
    public static partial void Fenced(ILogger logger, string agentId, string remoteEndPoint, long epoch, string newNodeId, long newEpoch);
}
