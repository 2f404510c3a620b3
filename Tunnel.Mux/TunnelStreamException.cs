using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

/// <summary>A stream was refused or reset, by the peer or by us; <see cref="Code"/> is the RESET code.</summary>
public sealed class TunnelStreamException(TunnelErrorCode code, string reason) : Exception(reason)
{
    public TunnelErrorCode Code { get; } = code;

    /// <summary>The reason alone, as it goes into a RESET.</summary>
    public string Reason { get; } = reason;
}
