namespace CameraCloud.Codecs.Tunnel;

/// <summary>A service the agent will connect to when an OPEN names it (docs/tunnel-protocol.md §4).</summary>
public sealed record TargetMessage(string Name, string Host, int Port);
