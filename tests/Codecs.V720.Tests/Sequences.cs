using System.Buffers;

namespace CameraCloud.Codecs.V720.Tests;

internal static class Sequences
{
    /// <summary>One sequence made of the given parts, each its own segment (empty parts included).</summary>
    public static ReadOnlySequence<byte> Of(params byte[][] parts)
    {
        if (parts.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }
        var first = new TestSegment(parts[0], 0);
        var last = first;
        for (int i = 1; i < parts.Length; i++)
        {
            last = last.Append(parts[i]);
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>One segment per byte.</summary>
    public static ReadOnlySequence<byte> Bytewise(byte[] data) =>
        data.Length == 0 ? ReadOnlySequence<byte>.Empty : Of(data.Select(b => new[] { b }).ToArray());

    /// <summary>Two segments split at <paramref name="at"/>.</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] data, int at) => Of(data[..at], data[at..]);
}
