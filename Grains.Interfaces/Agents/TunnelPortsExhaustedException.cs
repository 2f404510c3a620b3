namespace CameraCloud.Agents;

/// <summary>Every port of <c>Tunnel:PortRange</c> is assigned; nothing was changed.</summary>
public sealed class TunnelPortsExhaustedException(TunnelPortRange range)
    : InvalidOperationException($"Every gateway port of Tunnel:PortRange {range} is assigned; widen the range or delete agents.")
{
    public TunnelPortRange Range { get; } = range;
}
