using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Cluster;

/// <summary>Source-generated log events of forwarding between nodes. Event names are a contract for dashboards.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 1100, EventName = "RequestForwarded", Level = LogLevel.Debug,
        Message = "{Method} {Path} for {Device} forwarded to its owner, node {NodeId}")]
    public static partial void Forwarded(ILogger logger, string method, string path, string device, string nodeId);

    [LoggerMessage(EventId = 1101, EventName = "ForwardFailed", Level = LogLevel.Warning,
        Message = "{Method} {Path} for {Device} could not be forwarded to node {NodeId}: {Reason}")]
    public static partial void ForwardFailed(ILogger logger, string method, string path, string device, string nodeId, string reason);

    [LoggerMessage(EventId = 1102, EventName = "ForwardBroken", Level = LogLevel.Information,
        Message = "{Method} {Path}: the response from node {NodeId} broke off: {Reason}")]
    public static partial void ForwardBroken(ILogger logger, string method, string path, string nodeId, string reason);

    [LoggerMessage(EventId = 1103, EventName = "DirectoryUnavailable", Level = LogLevel.Warning,
        Message = "The device directory did not answer ({Reason}); requests are served by the node they reach until it does")]
    public static partial void DirectoryUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 1110, EventName = "InternalStreamRefused", Level = LogLevel.Information,
        Message = "Internal stream to {AgentId}/{Target} from {Remote} refused: {StatusCode} {Reason}")]
    public static partial void InternalStreamRefused(ILogger logger, string agentId, string target, string remote, int statusCode, string reason);

    [LoggerMessage(EventId = 1111, EventName = "InternalStreamEnded", Level = LogLevel.Debug,
        Message = "Internal stream to {AgentId}/{Target} for {Client} ended: {ToAgent} bytes to the agent, {FromAgent} from it")]
    public static partial void InternalStreamEnded(ILogger logger, string agentId, string target, string client, long toAgent, long fromAgent);

    [LoggerMessage(EventId = 1112, EventName = "InternalStreamBroken", Level = LogLevel.Debug,
        Message = "Internal stream to {AgentId}/{Target} for {Client} broke off: {Reason}")]
    public static partial void InternalStreamBroken(ILogger logger, string agentId, string target, string client, string reason);
}
