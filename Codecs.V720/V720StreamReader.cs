using System.Buffers;

namespace CameraCloud.Codecs.V720;

/// <summary>
/// Reads V720 messages from a byte stream (TCP): 20 header bytes, then exactly payload_len bytes.
/// Several messages may share a read and one message may span reads (spec §3.1 framing rules).
/// </summary>
public static class V720StreamReader
{
    /// <summary>Control messages are small JSON; anything near this is garbage or an attack.</summary>
    public const int DefaultMaxPayload = 64 * 1024;

    /// <summary>
    /// Tries to take one message off the front of <paramref name="buffer"/>. The length is checked
    /// against <paramref name="maxPayload"/> as soon as the header is in, before waiting for the body.
    /// </summary>
    public static V720ReadStatus TryRead(ref ReadOnlySequence<byte> buffer, int maxPayload, out V720Message? message)
    {
        // A negative limit would turn into a huge unsigned one below and disable the check.
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayload);
        message = null;
        if (buffer.Length < V720Header.Size)
        {
            return V720ReadStatus.NeedMoreData;
        }

        Span<byte> headerBytes = stackalloc byte[V720Header.Size];
        buffer.Slice(0, V720Header.Size).CopyTo(headerBytes);
        var header = V720Header.Read(headerBytes);
        if (header.PayloadLength > (uint)maxPayload)
        {
            return V720ReadStatus.Invalid;
        }

        long total = V720Header.Size + (long)header.PayloadLength;
        if (buffer.Length < total)
        {
            return V720ReadStatus.NeedMoreData;
        }

        var payload = buffer.Slice(V720Header.Size, header.PayloadLength).ToArray();
        message = new V720Message(header, payload);
        buffer = buffer.Slice(total);
        return V720ReadStatus.Message;
    }
}
