using CameraCloud.Agent.Configuration;

namespace CameraCloud.Agent.Control;

/// <summary>The answer to get-status.</summary>
public sealed record AgentStatus(
    long UptimeSeconds,
    string Version,
    string? LocalIp,
    int OpenStreams,
    IReadOnlyList<AgentTarget> Targets,
    string Server,
    IReadOnlyList<AgentTarget> RefusedTargets);
