using CameraCloud.Agent.Configuration;

namespace CameraCloud.Agent.Control;

/// <summary>
/// The answer to update-config: the targets now in force, and those refused because the agent's own configuration
/// does not list their host and port (the cloud can choose among the configured services, never add one).
/// </summary>
public sealed record TargetsUpdate(IReadOnlyList<AgentTarget> Targets, IReadOnlyList<AgentTarget> Refused);
