using System.Buffers.Binary;
using System.Text;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// Marks each simulated frame with a JPEG comment right after SOI so that a test can tell which camera
/// and which frame a JPEG came from, while the picture stays decodable:
/// <code>
/// FF D8                      SOI (of the source frame)
/// FF FE len_hi len_lo text   COM, len counts itself (2) + text; text = "cameracloud-sim uid=&lt;uid&gt; seq=&lt;n&gt;"
/// …                          the rest of the source frame, from its byte 2 on
/// </code>
/// </summary>
public static class SimulatedFrameTag
{
    public const string Prefix = "cameracloud-sim";

    private static ReadOnlySpan<byte> UidPart => "cameracloud-sim uid="u8;
    private static ReadOnlySpan<byte> SeqPart => " seq="u8;

    /// <summary>Bytes the COM segment adds to a frame for this uid and sequence number.</summary>
    public static int SegmentLength(string uid, long seq) => 4 + UidPart.Length + Encoding.ASCII.GetByteCount(uid)
        + SeqPart.Length + DigitCount(seq);

    /// <summary>
    /// Writes <paramref name="jpeg"/> with the tag into <paramref name="destination"/> and returns the bytes written.
    /// <paramref name="uidAscii"/> is the uid in ASCII, kept by the caller so that tagging allocates nothing.
    /// </summary>
    public static int Write(ReadOnlySpan<byte> jpeg, ReadOnlySpan<byte> uidAscii, long seq, Span<byte> destination)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG: it does not start with SOI (FF D8).", nameof(jpeg));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(seq);

        int textLength = UidPart.Length + uidAscii.Length + SeqPart.Length + DigitCount(seq);
        int total = jpeg.Length + 4 + textLength;
        if (destination.Length < total)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes, {total} needed.", nameof(destination));
        }

        destination[0] = 0xFF;
        destination[1] = 0xD8;
        destination[2] = 0xFF;
        destination[3] = 0xFE;
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)(textLength + 2));
        var text = destination[6..];
        UidPart.CopyTo(text);
        uidAscii.CopyTo(text[UidPart.Length..]);
        SeqPart.CopyTo(text[(UidPart.Length + uidAscii.Length)..]);
        seq.TryFormat(text[(UidPart.Length + uidAscii.Length + SeqPart.Length)..], out _, default, null);
        jpeg[2..].CopyTo(destination[(6 + textLength)..]);
        return total;
    }

    /// <summary>A tagged copy of <paramref name="jpeg"/> (allocates; for tests and tools).</summary>
    public static byte[] Tag(ReadOnlySpan<byte> jpeg, string uid, long seq)
    {
        var result = new byte[jpeg.Length + SegmentLength(uid, seq)];
        Write(jpeg, Encoding.ASCII.GetBytes(uid), seq, result);
        return result;
    }

    /// <summary>
    /// Finds the simulator's COM segment among the segments before the scan data and reads its uid and seq.
    /// False for any JPEG that does not carry one, including truncated or malformed input.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> jpeg, out string uid, out long seq)
    {
        uid = string.Empty;
        seq = 0;
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return false;
        }

        int position = 2;
        while (position + 4 <= jpeg.Length && jpeg[position] == 0xFF)
        {
            byte marker = jpeg[position + 1];
            if (marker is 0xDA or 0xD9)
            {
                return false; // start of scan or end of image: no more header segments
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(position + 2)..]);
            if (length < 2 || position + 2 + length > jpeg.Length)
            {
                return false;
            }

            if (marker == 0xFE && TryParseText(jpeg.Slice(position + 4, length - 2), out uid, out seq))
            {
                return true;
            }
            position += 2 + length;
        }
        return false;
    }

    private static bool TryParseText(ReadOnlySpan<byte> text, out string uid, out long seq)
    {
        uid = string.Empty;
        seq = 0;
        if (!text.StartsWith(UidPart))
        {
            return false;
        }

        var rest = text[UidPart.Length..];
        int seqAt = rest.LastIndexOf(SeqPart);
        if (seqAt <= 0)
        {
            return false;
        }

        var digits = rest[(seqAt + SeqPart.Length)..];
        if (digits.IsEmpty || !long.TryParse(digits, System.Globalization.NumberStyles.None, null, out seq))
        {
            return false;
        }
        uid = Encoding.ASCII.GetString(rest[..seqAt]);
        return true;
    }

    private static int DigitCount(long value)
    {
        int digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }
        return digits;
    }
}
