namespace CameraCloud.Agents;

/// <summary>One open stream: which target, since when, bytes each way so far.</summary>
public sealed record AgentStreamTraffic(long StreamId, string Target, string Client, DateTimeOffset OpenedAt, long BytesToAgent, long BytesFromAgent);
