namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>
/// Deterministic content for transfers: a seeded random block of a prime length repeated, so a
/// receiver checks every byte at any offset (reordered or lost chunks show) without a copy of
/// what was sent, and fast enough for hundreds of megabytes.
/// </summary>
internal sealed class Pattern
{
    private const int BlockLength = 1_000_003;

    private readonly byte[] block;

    public Pattern(int seed)
    {
        // Twice the block, so any window of up to one block is one contiguous slice.
        block = new byte[BlockLength * 2];
        new Random(seed).NextBytes(block.AsSpan(0, BlockLength));
        block.AsSpan(0, BlockLength).CopyTo(block.AsSpan(BlockLength));
    }

    public void Fill(Span<byte> destination, long position)
    {
        while (!destination.IsEmpty)
        {
            int offset = (int)(position % BlockLength);
            int n = Math.Min(destination.Length, BlockLength);
            block.AsSpan(offset, n).CopyTo(destination);
            destination = destination[n..];
            position += n;
        }
    }

    public bool Matches(ReadOnlySpan<byte> data, long position)
    {
        while (!data.IsEmpty)
        {
            int offset = (int)(position % BlockLength);
            int n = Math.Min(data.Length, BlockLength);
            if (!data[..n].SequenceEqual(block.AsSpan(offset, n)))
            {
                return false;
            }
            data = data[n..];
            position += n;
        }
        return true;
    }

    /// <summary>Writes <paramref name="total"/> bytes of the pattern in chunks of <paramref name="chunk"/>.</summary>
    public async Task WriteAsync(Stream stream, long total, int chunk, CancellationToken ct)
    {
        var buffer = new byte[chunk];
        for (long position = 0; position < total;)
        {
            int n = (int)Math.Min(chunk, total - position);
            Fill(buffer.AsSpan(0, n), position);
            await stream.WriteAsync(buffer.AsMemory(0, n), ct);
            position += n;
        }
    }

    /// <summary>Reads to the end of <paramref name="stream"/>, checking every byte; returns the count.</summary>
    public async Task<long> ReadToEndAsync(Stream stream, CancellationToken ct, int bufferSize = 64 * 1024)
    {
        var buffer = new byte[bufferSize];
        long position = 0;
        while (true)
        {
            int n = await stream.ReadAsync(buffer, ct);
            if (n == 0)
            {
                return position;
            }
            if (!Matches(buffer.AsSpan(0, n), position))
            {
                throw new InvalidDataException($"content differs within bytes {position}..{position + n}");
            }
            position += n;
        }
    }
}
