namespace CameraCloud.Codecs.Tunnel;

/// <summary>HELLO, the agent's first frame (docs/tunnel-protocol.md §4).</summary>
public sealed record AgentHelloMessage(
    string AgentId,
    string Version,
    string? Model,
    string? LocalIp,
    string? Hostname,
    IReadOnlyList<TargetMessage> Targets);
