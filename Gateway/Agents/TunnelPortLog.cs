using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Agents;

/// <summary>Log events of the gateway's agent ports; the names are stable for dashboards.</summary>
internal static partial class TunnelPortLog
{
    [LoggerMessage(EventId = 1600, EventName = "TunnelPortListening", Level = LogLevel.Debug,
        Message = "Gateway port {Port} listening for agent {AgentId} target {Target}")]
    public static partial void Listening(ILogger logger, int port, string agentId, string target);

    [LoggerMessage(EventId = 1601, EventName = "TunnelPortClosed", Level = LogLevel.Debug,
        Message = "Gateway port {Port} of agent {AgentId} target {Target} closed ({OpenConnections} open connection(s) dropped)")]
    public static partial void Closed(ILogger logger, int port, string agentId, string target, int openConnections);

    [LoggerMessage(EventId = 1602, EventName = "TunnelPortBindFailed", Level = LogLevel.Error,
        Message = "Gateway port {Port} for agent {AgentId} target {Target} cannot be bound on {BindAddress}: {Error}; the other ports are unaffected, it is tried again at the next change")]
    public static partial void BindFailed(ILogger logger, int port, string agentId, string target, string bindAddress, string error);

    [LoggerMessage(EventId = 1603, EventName = "TunnelPortAgentOffline", Level = LogLevel.Warning,
        Message = "Connection from {Client} to gateway port {Port} closed at once: agent {AgentId} is not connected ({Suppressed} more such connection(s) to this port since the last message)")]
    public static partial void AgentOffline(ILogger logger, string client, int port, string agentId, long suppressed);

    [LoggerMessage(EventId = 1604, EventName = "TunnelPortStreamRefused", Level = LogLevel.Warning,
        Message = "Connection from {Client} to gateway port {Port} (agent {AgentId} target {Target}) closed: {Reason} ({Suppressed} more refusal(s) on this port since the last message)")]
    public static partial void StreamRefused(ILogger logger, string client, int port, string agentId, string target, string reason, long suppressed);

    [LoggerMessage(EventId = 1605, EventName = "TunnelPortConnectionLimit", Level = LogLevel.Warning,
        Message = "Connection from {Client} to gateway port {Port} refused: {Limit} connections are open on it ({Suppressed} more since the last message)")]
    public static partial void ConnectionLimit(ILogger logger, string client, int port, int limit, long suppressed);

    [LoggerMessage(EventId = 1606, EventName = "TunnelPortConnectionEnded", Level = LogLevel.Debug,
        Message = "Connection from {Client} on gateway port {Port} (agent {AgentId} target {Target}) ended: {BytesToAgent} bytes to the agent, {BytesFromAgent} from it")]
    public static partial void ConnectionEnded(ILogger logger, string client, int port, string agentId, string target, long bytesToAgent, long bytesFromAgent);

    [LoggerMessage(EventId = 1607, EventName = "TunnelPortConnectionFailed", Level = LogLevel.Debug,
        Message = "Connection from {Client} on gateway port {Port} (agent {AgentId}) failed: {Error}")]
    public static partial void ConnectionFailed(ILogger logger, string client, int port, string agentId, string error);

    [LoggerMessage(EventId = 1608, EventName = "TunnelPortAcceptFailed", Level = LogLevel.Warning,
        Message = "Gateway port {Port} stopped accepting: {Error}")]
    public static partial void AcceptFailed(ILogger logger, int port, string error);

    [LoggerMessage(EventId = 1609, EventName = "TunnelPortConnectionError", Level = LogLevel.Warning,
        Message = "Connection from {Client} on gateway port {Port} (agent {AgentId}) failed unexpectedly")]
    public static partial void ConnectionError(ILogger logger, string client, int port, string agentId, Exception exception);

    // One line per change rather than per port: a node with a thousand agents starts with one line, not a thousand.
    [LoggerMessage(EventId = 1610, EventName = "TunnelPortsSynced", Level = LogLevel.Information,
        Message = "Agent gateway ports: {Opened} opened, {Closed} closed, {Listening} listening, {Failed} could not be bound")]
    public static partial void Synced(ILogger logger, int opened, int closed, int listening, int failed);

    [LoggerMessage(EventId = 1611, EventName = "TunnelPortsResyncFailed", Level = LogLevel.Warning,
        Message = "Agent gateway ports could not re-read the port table: {Reason}; the ports keep what they have")]
    public static partial void ResyncFailed(ILogger logger, string reason);
}
