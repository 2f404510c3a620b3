using System.Buffers.Binary;

namespace CameraCloud.Codecs.Tunnel;

/// <summary>
/// The 12-byte header every tunnel frame starts with (docs/tunnel-protocol.md §2), big-endian:
/// <code>
/// offset size field
///  0      1   version      1
///  1      1   type         TunnelFrameType
///  2      2   flags        0; a receiver ignores bits it does not know
///  4      4   stream id    0 for session frames, else the stream
///  8      4   length       payload bytes; equals the WebSocket message length − 12
/// </code>
/// </summary>
public readonly record struct TunnelFrameHeader(byte Version, TunnelFrameType Type, ushort Flags, uint StreamId, uint Length)
{
    public const int Size = 12;
    public const byte CurrentVersion = 1;

    /// <summary>A version 1 header without flags.</summary>
    public static TunnelFrameHeader Create(TunnelFrameType type, uint streamId, int length) =>
        new(CurrentVersion, type, 0, streamId, (uint)length);

    public static TunnelFrameHeader Read(ReadOnlySpan<byte> source) => new(
        source[0],
        (TunnelFrameType)source[1],
        BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
        BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
        BinaryPrimitives.ReadUInt32BigEndian(source[8..]));

    public void Write(Span<byte> destination)
    {
        // One bounds check up front instead of five.
        var header = destination[..Size];
        header[0] = Version;
        header[1] = (byte)Type;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], Flags);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], StreamId);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], Length);
    }
}
