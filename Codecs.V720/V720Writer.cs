using System.Buffers;
using System.Text;

namespace CameraCloud.Codecs.V720;

/// <summary>Writes V720 messages. Everything we send uses the ASCII "00000000" forward id, like the reference server.</summary>
public static class V720Writer
{
    public static void Write(IBufferWriter<byte> output, ushort cmd, ReadOnlySpan<byte> payload,
        byte msgFlag = 0, uint pkgId = 0, ulong forwardId = V720Header.AsciiZeroForwardId)
    {
        var span = output.GetSpan(V720Header.Size + payload.Length);
        new V720Header((uint)payload.Length, cmd, msgFlag, 0, forwardId, pkgId).Write(span);
        payload.CopyTo(span[V720Header.Size..]);
        output.Advance(V720Header.Size + payload.Length);
    }

    /// <summary>A cmd 0 message whose payload is <paramref name="json"/> in UTF-8, not NUL-terminated.</summary>
    public static void WriteJson(IBufferWriter<byte> output, string json)
    {
        var byteCount = Encoding.UTF8.GetByteCount(json);
        var span = output.GetSpan(V720Header.Size + byteCount);
        new V720Header((uint)byteCount, V720Cmd.Json, 0, 0, V720Header.AsciiZeroForwardId, 0).Write(span);
        Encoding.UTF8.GetBytes(json, span[V720Header.Size..]);
        output.Advance(V720Header.Size + byteCount);
    }

    public static byte[] ToArray(ushort cmd, ReadOnlySpan<byte> payload, byte msgFlag = 0, uint pkgId = 0,
        ulong forwardId = V720Header.AsciiZeroForwardId)
    {
        var writer = new ArrayBufferWriter<byte>(V720Header.Size + payload.Length);
        Write(writer, cmd, payload, msgFlag, pkgId, forwardId);
        return writer.WrittenSpan.ToArray();
    }

    public static byte[] JsonToArray(string json)
    {
        var writer = new ArrayBufferWriter<byte>();
        WriteJson(writer, json);
        return writer.WrittenSpan.ToArray();
    }
}
