using System.Buffers.Binary;

namespace CameraCloud.Codecs.V720;

/// <summary>
/// The 20-byte header every V720 message starts with, on TCP and UDP alike (spec §3.1), little-endian:
/// <code>
/// offset size field
///  0      4   payload_len  u32, payload bytes after the header
///  4      2   cmd          u16 (0 JSON, 1 JPEG, 4 G.711, 6 PCM, 100 heartbeat, 605 confirm…)
///  6      1   msg_flag     250 first / 251 middle / 252 last / 255 whole media fragment; 0 for JSON
///  7      1   deal_flag    1 when forward_id carries a relay id, else 0
///  8      8   forward_id   raw bytes: 00×8 from cameras, "00000000" (30×8) from us
///  16     4   pkg_id       u32 media sequence number; 0 on JSON and heartbeats
/// </code>
/// </summary>
public readonly record struct V720Header(
    uint PayloadLength,
    ushort Cmd,
    byte MsgFlag,
    byte DealFlag,
    ulong ForwardId,
    uint PkgId)
{
    public const int Size = 20;

    /// <summary>ASCII "00000000", the forward id the vendor app and the reference server send.</summary>
    public const ulong AsciiZeroForwardId = 0x3030303030303030;

    public static V720Header Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(source),
        BinaryPrimitives.ReadUInt16LittleEndian(source[4..]),
        source[6],
        source[7],
        BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[16..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, PayloadLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], Cmd);
        destination[6] = MsgFlag;
        destination[7] = DealFlag;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], ForwardId);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], PkgId);
    }
}
