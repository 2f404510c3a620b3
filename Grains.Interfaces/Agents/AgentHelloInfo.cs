namespace CameraCloud.Agents;

/// <summary>What an agent said in its HELLO, and where it connected from.</summary>
public sealed record AgentHelloInfo(
    string Version,
    string? Model,
    string? LocalIp,
    string? Hostname,
    IReadOnlyList<AgentTarget> Targets,
    string RemoteEndPoint);
