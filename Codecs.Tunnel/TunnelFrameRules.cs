namespace CameraCloud.Codecs.Tunnel;

/// <summary>
/// Per-type rules of docs/tunnel-protocol.md §2 and §9: which stream id a frame may carry and how
/// long its payload may be. Shared by the parser and the writer so that we never send what we
/// would refuse.
/// </summary>
public static class TunnelFrameRules
{
    /// <summary>Smallest JSON payload: "{}".</summary>
    private const int MinJsonPayload = 2;

    public static bool IsKnown(TunnelFrameType type) => type is >= TunnelFrameType.Hello and <= TunnelFrameType.GoAway;

    /// <summary>Session frames travel on stream 0; all others on a stream id other than 0.</summary>
    public static bool IsSessionFrame(TunnelFrameType type) => type is TunnelFrameType.Hello or TunnelFrameType.Welcome
        or TunnelFrameType.Ping or TunnelFrameType.Pong or TunnelFrameType.Control or TunnelFrameType.ControlResult
        or TunnelFrameType.GoAway;

    public static int MinPayload(TunnelFrameType type) => type switch
    {
        TunnelFrameType.Hello or TunnelFrameType.Welcome or TunnelFrameType.Open
            or TunnelFrameType.Control or TunnelFrameType.ControlResult => MinJsonPayload,
        TunnelFrameType.Data => 1,
        TunnelFrameType.Window => 4,
        TunnelFrameType.Reset or TunnelFrameType.GoAway => 2,
        TunnelFrameType.Ping or TunnelFrameType.Pong => 8,
        _ => 0,
    };

    public static int MaxPayload(TunnelFrameType type) => type switch
    {
        TunnelFrameType.Hello => TunnelLimits.MaxHelloPayload,
        TunnelFrameType.Welcome or TunnelFrameType.Open
            or TunnelFrameType.Control or TunnelFrameType.ControlResult => TunnelLimits.MaxJsonPayload,
        TunnelFrameType.Data => TunnelLimits.MaxDataPayload,
        TunnelFrameType.Window => 4,
        TunnelFrameType.Reset or TunnelFrameType.GoAway => 2 + TunnelLimits.MaxReasonBytes,
        TunnelFrameType.Ping or TunnelFrameType.Pong => 8,
        _ => 0,
    };

    /// <summary>
    /// Checks everything the header alone can tell: version, type, stream id and payload length
    /// against the type's limits. Lets a receiver refuse a frame before it allocates its payload.
    /// </summary>
    public static bool TryValidate(in TunnelFrameHeader header, out string? error)
    {
        if (header.Version != TunnelFrameHeader.CurrentVersion)
        {
            error = $"unknown protocol version {header.Version}";
            return false;
        }
        if (!IsKnown(header.Type))
        {
            error = $"unknown frame type 0x{(byte)header.Type:X2}";
            return false;
        }
        bool session = IsSessionFrame(header.Type);
        if (session && header.StreamId != 0)
        {
            error = $"{header.Type} is a session frame but names stream {header.StreamId}";
            return false;
        }
        if (!session && header.StreamId == 0)
        {
            error = $"{header.Type} is a stream frame but names stream 0";
            return false;
        }
        int min = MinPayload(header.Type);
        int max = MaxPayload(header.Type);
        if (header.Length < (uint)min || header.Length > (uint)max)
        {
            error = min == max
                ? $"{header.Type} payload of {header.Length} bytes; it must be {min}"
                : $"{header.Type} payload of {header.Length} bytes is outside {min}..{max}";
            return false;
        }
        error = null;
        return true;
    }
}
