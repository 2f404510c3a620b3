using CameraCloud.Agents;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Grains.Agents;

/// <summary>Log events of tunnel grains; the names are stable for dashboards. Tokens are never logged.</summary>
internal static partial class TunnelGrainLog
{
    [LoggerMessage(EventId = 1400, EventName = "AgentProvisioned", Level = LogLevel.Information,
        Message = "Agent {AgentId} provisioned with {Targets} target(s)")]
    public static partial void Provisioned(ILogger logger, string agentId, int targets);

    [LoggerMessage(EventId = 1401, EventName = "AgentOnline", Level = LogLevel.Information,
        Message = "Agent {AgentId} online from {RemoteEndPoint}")]
    public static partial void Online(ILogger logger, string agentId, string remoteEndPoint);

    [LoggerMessage(EventId = 1402, EventName = "AgentOffline", Level = LogLevel.Information,
        Message = "Agent {AgentId} offline: {Reason}")]
    public static partial void Offline(ILogger logger, string agentId, string reason);

    [LoggerMessage(EventId = 1403, EventName = "AgentLinkReplaced", Level = LogLevel.Information,
        Message = "Agent {AgentId}: connection from {NewEndPoint} evicts {OldEndPoint}")]
    public static partial void LinkReplaced(ILogger logger, string agentId, string oldEndPoint, string newEndPoint);

    [LoggerMessage(EventId = 1404, EventName = "AgentUpdated", Level = LogLevel.Information,
        Message = "Agent {AgentId} updated (targets changed: {TargetsChanged})")]
    public static partial void Updated(ILogger logger, string agentId, bool targetsChanged);

    [LoggerMessage(EventId = 1405, EventName = "AgentTargetsPushFailed", Level = LogLevel.Warning,
        Message = "Agent {AgentId}: new targets could not be pushed ({Error}); the agent gets them when it next connects")]
    public static partial void TargetsPushFailed(ILogger logger, string agentId, string error);

    [LoggerMessage(EventId = 1406, EventName = "AgentControlSent", Level = LogLevel.Information,
        Message = "Agent {AgentId}: control {Command}")]
    public static partial void ControlSent(ILogger logger, string agentId, string command);

    [LoggerMessage(EventId = 1407, EventName = "AgentDeleted", Level = LogLevel.Information,
        Message = "Agent {AgentId} deleted (was online: {WasOnline})")]
    public static partial void Deleted(ILogger logger, string agentId, bool wasOnline);

    [LoggerMessage(EventId = 1408, EventName = "AgentCloseReason", Level = LogLevel.Debug,
        Message = "Agent {AgentId}: closing link {LinkId} ({Reason})")]
    public static partial void Closing(ILogger logger, string agentId, long linkId, AgentCloseReason reason);
}
