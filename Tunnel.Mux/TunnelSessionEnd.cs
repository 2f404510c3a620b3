using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

/// <summary>
/// Why a session ended: the GOAWAY code sent or received (null when the connection just closed or
/// broke), a reason for logs, and whether the peer ended it.
/// </summary>
public sealed record TunnelSessionEnd(TunnelErrorCode? Code, string Reason, bool ByPeer);
