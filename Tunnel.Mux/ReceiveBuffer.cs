using System.Buffers;

namespace CameraCloud.Tunnel;

/// <summary>
/// Bytes a stream has received and its application has not read yet, as a queue of pooled
/// segments. Large DATA payloads arrive in a pooled array of their own (received straight into it,
/// no copy); small ones are copied into the free tail of the last segment so that a peer sending
/// one-byte frames cannot make us hold a million arrays. Memory stays within about twice the
/// window granted. Not thread-safe: the owning stream locks.
/// </summary>
internal sealed class ReceiveBuffer
{
    private const int SmallSegmentSize = 16 * 1024;

    private Segment[] ring = new Segment[8];
    private int head;
    private int count;

    public int Length { get; private set; }

    /// <summary>Takes ownership of a pooled array holding <paramref name="length"/> received bytes.</summary>
    public void AppendOwned(byte[] array, int length)
    {
        Push(new Segment(array, 0, length));
        Length += length;
    }

    public void AppendCopy(ReadOnlySpan<byte> data)
    {
        if (count > 0)
        {
            ref var tail = ref ring[(head + count - 1) % ring.Length];
            int room = tail.Array.Length - tail.End;
            if (room >= data.Length)
            {
                data.CopyTo(tail.Array.AsSpan(tail.End));
                tail.End += data.Length;
                Length += data.Length;
                return;
            }
        }
        var array = ArrayPool<byte>.Shared.Rent(Math.Max(SmallSegmentSize, data.Length));
        data.CopyTo(array);
        Push(new Segment(array, 0, data.Length));
        Length += data.Length;
    }

    /// <summary>Moves up to destination.Length bytes out; segments emptied go back to the pool.</summary>
    public int CopyTo(Span<byte> destination)
    {
        int copied = 0;
        while (count > 0 && copied < destination.Length)
        {
            ref var segment = ref ring[head];
            int n = Math.Min(segment.End - segment.Start, destination.Length - copied);
            segment.Array.AsSpan(segment.Start, n).CopyTo(destination[copied..]);
            segment.Start += n;
            copied += n;
            if (segment.Start == segment.End)
            {
                if (count == 1)
                {
                    // Keep the last segment: its free space takes the next small payloads.
                    segment.Start = 0;
                    segment.End = 0;
                    break;
                }
                ArrayPool<byte>.Shared.Return(segment.Array);
                segment = default;
                head = (head + 1) % ring.Length;
                count--;
            }
        }
        Length -= copied;
        return copied;
    }

    public void Clear()
    {
        while (count > 0)
        {
            ArrayPool<byte>.Shared.Return(ring[head].Array);
            ring[head] = default;
            head = (head + 1) % ring.Length;
            count--;
        }
        head = 0;
        Length = 0;
    }

    private void Push(Segment segment)
    {
        if (count == ring.Length)
        {
            var grown = new Segment[ring.Length * 2];
            for (int i = 0; i < count; i++)
            {
                grown[i] = ring[(head + i) % ring.Length];
            }
            ring = grown;
            head = 0;
        }
        ring[(head + count) % ring.Length] = segment;
        count++;
    }

    private struct Segment(byte[] array, int start, int end)
    {
        public byte[] Array = array;
        public int Start = start;
        public int End = end;
    }
}
