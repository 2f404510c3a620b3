namespace CameraCloud.Codecs.Tunnel;

/// <summary>The limits of docs/tunnel-protocol.md §9.</summary>
public static class TunnelLimits
{
    /// <summary>Largest DATA payload.</summary>
    public const int MaxDataPayload = 65536;

    /// <summary>Largest JSON payload (WELCOME, OPEN, CONTROL, CONTROL_RESULT).</summary>
    public const int MaxJsonPayload = 16 * 1024;

    /// <summary>Largest HELLO payload.</summary>
    public const int MaxHelloPayload = 4096;

    /// <summary>Largest UTF-8 reason after the code of a RESET or GOAWAY.</summary>
    public const int MaxReasonBytes = 1024;

    /// <summary>Largest WebSocket message: a header and the largest payload (DATA).</summary>
    public const int MaxMessageSize = TunnelFrameHeader.Size + MaxDataPayload;

    /// <summary>Window each direction of a stream starts with unless WELCOME says otherwise.</summary>
    public const int DefaultInitialWindow = 1 << 20;

    /// <summary>No window, initial or grown by WINDOW frames, may exceed this.</summary>
    public const int MaxWindow = 16 << 20;

    public const int DefaultMaxStreams = 64;
}
