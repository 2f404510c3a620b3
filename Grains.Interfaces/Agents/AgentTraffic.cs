namespace CameraCloud.Agents;

/// <summary>Traffic of a session: totals since it opened and its open streams.</summary>
public sealed record AgentTraffic(long BytesToAgent, long BytesFromAgent, long StreamsOpened, IReadOnlyList<AgentStreamTraffic> OpenStreams);
