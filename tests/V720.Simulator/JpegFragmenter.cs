using System.Buffers.Binary;
using CameraCloud.Codecs.V720;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// Cuts one JPEG into V720 video datagrams the way the camera does (spec §6.1). The "framed body" is the
/// JPEG followed by a 5-byte trailer; it is sliced into payloads of 1004 bytes, the last one shorter:
/// <code>
/// framed body = jpeg | 00 | u32 LE declared jpeg length
/// datagram i  = header(payload_len, cmd 1, msg_flag, deal 0, forward_id 00×8, pkg_id = first + i) | slice i
/// msg_flag    = 250 first, 251 middle, 252 last; 255 when the whole framed body fits one datagram
/// </code>
/// </summary>
public static class JpegFragmenter
{
    public const int MaxFragmentPayload = 1004;
    public const int TrailerSize = 5;
    public const int MaxDatagramSize = V720Header.Size + MaxFragmentPayload;

    public static int FramedLength(int jpegLength) => jpegLength + TrailerSize;

    public static int FragmentCount(int framedLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(framedLength);
        return (framedLength + MaxFragmentPayload - 1) / MaxFragmentPayload;
    }

    /// <summary>Writes the trailer; <paramref name="declaredLength"/> is the JPEG length unless a test wants a corrupt frame.</summary>
    public static void WriteTrailer(Span<byte> destination, uint declaredLength)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], declaredLength);
    }

    public static byte FlagFor(int index, int count) =>
        count == 1 ? V720MsgFlag.Whole
        : index == 0 ? V720MsgFlag.First
        : index == count - 1 ? V720MsgFlag.Last
        : V720MsgFlag.Middle;

    /// <summary>
    /// Writes datagram number <paramref name="index"/> of <paramref name="framed"/> (JPEG + trailer) into
    /// <paramref name="destination"/> (at least <see cref="MaxDatagramSize"/> bytes) and returns its length.
    /// </summary>
    public static int WriteFragment(ReadOnlySpan<byte> framed, int index, uint pkgId, Span<byte> destination)
    {
        int count = FragmentCount(framed.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);

        int offset = index * MaxFragmentPayload;
        var slice = framed.Slice(offset, Math.Min(MaxFragmentPayload, framed.Length - offset));
        new V720Header((uint)slice.Length, V720Cmd.Jpeg, FlagFor(index, count), 0, 0, pkgId).Write(destination);
        slice.CopyTo(destination[V720Header.Size..]);
        return V720Header.Size + slice.Length;
    }

    /// <summary>All datagrams of one frame as arrays (allocates; for tests and tools, not for the media loop).</summary>
    public static IReadOnlyList<byte[]> Fragment(ReadOnlySpan<byte> jpeg, uint firstPkgId)
    {
        var framed = new byte[FramedLength(jpeg.Length)];
        jpeg.CopyTo(framed);
        WriteTrailer(framed.AsSpan(jpeg.Length), (uint)jpeg.Length);

        int count = FragmentCount(framed.Length);
        var datagrams = new byte[count][];
        Span<byte> buffer = stackalloc byte[MaxDatagramSize];
        for (int i = 0; i < count; i++)
        {
            int length = WriteFragment(framed, i, unchecked(firstPkgId + (uint)i), buffer);
            datagrams[i] = buffer[..length].ToArray();
        }
        return datagrams;
    }
}
