using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

/// <summary>Why a stream stopped working; turned into the exception its reads and writes throw.</summary>
internal sealed record StreamFailure(TunnelErrorCode? Code, string Reason, bool SessionClosed)
{
    public Exception ToException() => SessionClosed || Code is null
        ? new TunnelSessionClosedException(Reason, Code)
        : new TunnelStreamException(Code.Value, Reason);
}
