using CameraCloud.Agent.Configuration;

namespace CameraCloud.Agent.Control;

/// <summary>
/// The answer to update-config: the targets now in force, and whether they reached the config file
/// (a camera's /etc is often read-only; the targets then last until the agent restarts).
/// </summary>
public sealed record TargetsUpdate(IReadOnlyList<AgentTarget> Targets, bool Persisted, string? PersistError);
