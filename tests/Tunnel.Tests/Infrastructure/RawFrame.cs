using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>A frame as a raw test peer received it.</summary>
internal sealed record RawFrame(TunnelFrameHeader Header, byte[] Payload)
{
    public TunnelFrameType Type => Header.Type;

    public uint StreamId => Header.StreamId;

    public TunnelErrorCode ErrorCode => TunnelFrameParser.ReadError(Payload, out _);

    public string? Reason
    {
        get
        {
            TunnelFrameParser.ReadError(Payload, out var reason);
            return reason;
        }
    }
}
