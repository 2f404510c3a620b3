using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

/// <summary>The session has ended (or ended during the handshake); <see cref="Code"/> is the GOAWAY code when there was one.</summary>
public sealed class TunnelSessionClosedException(string message) : Exception(message)
{
    public TunnelSessionClosedException(string message, TunnelErrorCode? code)
        : this(message)
    {
        Code = code;
    }

    public TunnelErrorCode? Code { get; }
}
