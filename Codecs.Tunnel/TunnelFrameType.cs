namespace CameraCloud.Codecs.Tunnel;

/// <summary>The frame types of docs/tunnel-protocol.md §2; the value is the type byte on the wire.</summary>
public enum TunnelFrameType : byte
{
    Hello = 1,
    Welcome = 2,
    Open = 3,
    OpenOk = 4,
    Data = 5,
    Window = 6,
    Close = 7,
    Reset = 8,
    Ping = 9,
    Pong = 10,
    Control = 11,
    ControlResult = 12,
    GoAway = 13,
}
