namespace CameraCloud.Codecs.Tunnel;

/// <summary>CONTROL, server to agent (docs/tunnel-protocol.md §5).</summary>
public sealed record ControlRequestMessage(long Id, string Command, IReadOnlyList<TargetMessage>? Targets = null, string? Url = null);
