using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace CameraCloud.Codecs.Tunnel;

/// <summary>
/// Writes whole frames (header and payload) to an <see cref="IBufferWriter{T}"/>. A frame that
/// breaks the rules of <see cref="TunnelFrameRules"/> throws <see cref="ArgumentException"/>: it is
/// a bug on our side, and the peer would close the session over it.
/// </summary>
public static class TunnelFrameWriter
{
    public static void Write(IBufferWriter<byte> output, TunnelFrameType type, uint streamId, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var header = TunnelFrameHeader.Create(type, streamId, payload.Length);
        if (!TunnelFrameRules.TryValidate(header, out var error))
        {
            throw new ArgumentException(error, nameof(payload));
        }
        int size = TunnelFrameHeader.Size + payload.Length;
        var span = output.GetSpan(size);
        header.Write(span);
        payload.CopyTo(span[TunnelFrameHeader.Size..]);
        output.Advance(size);
    }

    public static void WriteWindow(IBufferWriter<byte> output, uint streamId, uint increment)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, increment);
        Write(output, TunnelFrameType.Window, streamId, payload);
    }

    public static void WriteReset(IBufferWriter<byte> output, uint streamId, TunnelErrorCode code, string? reason) =>
        WriteError(output, TunnelFrameType.Reset, streamId, code, reason);

    public static void WriteGoAway(IBufferWriter<byte> output, TunnelErrorCode code, string? reason) =>
        WriteError(output, TunnelFrameType.GoAway, 0, code, reason);

    public static void WritePing(IBufferWriter<byte> output, ulong opaque) => WriteOpaque(output, TunnelFrameType.Ping, opaque);

    public static void WritePong(IBufferWriter<byte> output, ulong opaque) => WriteOpaque(output, TunnelFrameType.Pong, opaque);

    /// <summary>Serializes <paramref name="value"/> as the payload (source-generated, no reflection).</summary>
    public static void WriteJson<T>(IBufferWriter<byte> output, TunnelFrameType type, uint streamId, T value, JsonTypeInfo<T> typeInfo)
    {
        // The header needs the payload length first; JSON frames are rare, so a scratch buffer is fine.
        var json = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(json))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }
        Write(output, type, streamId, json.WrittenSpan);
    }

    /// <summary>
    /// Encodes a RESET/GOAWAY payload: the code, then the reason cut to
    /// <see cref="TunnelLimits.MaxReasonBytes"/> on a character boundary. Returns the bytes written
    /// (destination must hold 2 + MaxReasonBytes).
    /// </summary>
    public static int EncodeError(Span<byte> destination, TunnelErrorCode code, string? reason)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)code);
        if (string.IsNullOrEmpty(reason))
        {
            return 2;
        }
        var room = destination.Slice(2, Math.Min(destination.Length - 2, TunnelLimits.MaxReasonBytes));
        // Stops before a character that does not fit, so the cut never splits a UTF-8 sequence.
        Utf8.FromUtf16(reason, room, out _, out int written, replaceInvalidSequences: true);
        return 2 + written;
    }

    private static void WriteError(IBufferWriter<byte> output, TunnelFrameType type, uint streamId, TunnelErrorCode code, string? reason)
    {
        Span<byte> payload = stackalloc byte[2 + TunnelLimits.MaxReasonBytes];
        int length = EncodeError(payload, code, reason);
        Write(output, type, streamId, payload[..length]);
    }

    private static void WriteOpaque(IBufferWriter<byte> output, TunnelFrameType type, ulong opaque)
    {
        Span<byte> payload = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(payload, opaque);
        Write(output, type, 0, payload);
    }
}
