namespace CameraCloud.Agents;

/// <summary>A change to an agent; null members stay as they are.</summary>
public sealed record AgentUpdate(string? Name, IReadOnlyList<AgentTarget>? Targets);
