namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>
/// A target that produces pattern bytes without end, one chunk per read, and counts its reads: a
/// camera streaming video into a tunnel. Writes to it are discarded.
/// </summary>
internal sealed class ProducerStream(Pattern pattern, int chunk, int signalAtRead) : Stream
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long produced;
    private int reads;

    public int Reads => Volatile.Read(ref reads);

    /// <summary>Completes when read number <c>signalAtRead</c> has happened.</summary>
    public Task Reached => reached.Task;

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int n = Math.Min(chunk, buffer.Length);
        pattern.Fill(buffer.Span[..n], produced);
        produced += n;
        if (Interlocked.Increment(ref reads) == signalAtRead)
        {
            reached.TrySetResult();
        }
        return ValueTask.FromResult(n);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
