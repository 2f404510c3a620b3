namespace CameraCloud.Codecs.Tunnel;

/// <summary>The u16 codes carried by RESET and GOAWAY (docs/tunnel-protocol.md §8).</summary>
public enum TunnelErrorCode : ushort
{
    ProtocolError = 1,
    UnknownTarget = 2,
    TargetUnreachable = 3,
    TooManyStreams = 4,
    FlowControl = 5,
    StreamClosed = 6,
    Internal = 7,
    Timeout = 8,
    Evicted = 9,
    Shutdown = 10,
    Revoked = 11,
    Cancelled = 12,
}
