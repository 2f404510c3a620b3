namespace CameraCloud.Codecs.Tunnel;

/// <summary>
/// What <see cref="TunnelFrameParser.TryParse"/> found. There is no "need more data": a WebSocket
/// message is always whole, so a short message is simply invalid.
/// </summary>
public enum TunnelParseStatus
{
    Frame,
    Invalid,
}
