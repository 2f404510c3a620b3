namespace CameraCloud.Agents;

/// <summary>What provisioning needs; null targets means the default <c>rtsp</c> → 127.0.0.1:554.</summary>
public sealed record AgentProvisionRequest(string? Name, IReadOnlyList<AgentTarget>? Targets);
