using System.Buffers.Binary;
using System.Text;

namespace CameraCloud.Codecs.Tunnel;

/// <summary>
/// Parses one WebSocket message as one frame (docs/tunnel-protocol.md §2). Everything is checked
/// before the payload is handed out: version, type, stream-id rule, the type's payload limits and
/// that the header's length is exactly the rest of the message.
/// </summary>
public static class TunnelFrameParser
{
    public static TunnelParseStatus TryParse(ReadOnlySpan<byte> message, out TunnelFrameHeader header,
        out ReadOnlySpan<byte> payload, out string? error)
    {
        payload = default;
        if (message.Length < TunnelFrameHeader.Size)
        {
            header = default;
            error = $"message of {message.Length} bytes is shorter than the {TunnelFrameHeader.Size}-byte header";
            return TunnelParseStatus.Invalid;
        }
        header = TunnelFrameHeader.Read(message);
        if (!TunnelFrameRules.TryValidate(header, out error))
        {
            return TunnelParseStatus.Invalid;
        }
        long actual = message.Length - TunnelFrameHeader.Size;
        if (header.Length != actual)
        {
            error = $"header says {header.Length} payload bytes, the message carries {actual}";
            return TunnelParseStatus.Invalid;
        }
        payload = message[TunnelFrameHeader.Size..];
        return TunnelParseStatus.Frame;
    }

    /// <summary>The credit of a WINDOW payload (validated: exactly 4 bytes).</summary>
    public static uint ReadWindowIncrement(ReadOnlySpan<byte> payload) => BinaryPrimitives.ReadUInt32BigEndian(payload);

    /// <summary>The opaque value of a PING or PONG payload (validated: exactly 8 bytes).</summary>
    public static ulong ReadOpaque(ReadOnlySpan<byte> payload) => BinaryPrimitives.ReadUInt64BigEndian(payload);

    /// <summary>
    /// The code and optional reason of a RESET or GOAWAY payload (validated: at least 2 bytes). An
    /// unknown code is kept as its number; bytes that are not UTF-8 become replacement characters.
    /// </summary>
    public static TunnelErrorCode ReadError(ReadOnlySpan<byte> payload, out string? reason)
    {
        reason = payload.Length > 2 ? Encoding.UTF8.GetString(payload[2..]) : null;
        return (TunnelErrorCode)BinaryPrimitives.ReadUInt16BigEndian(payload);
    }
}
