using System.Buffers;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

/// <summary>
/// One multiplexed stream as a duplex <see cref="Stream"/>. Reads return data as it arrives and give
/// the peer credit (WINDOW) as they consume it, in batches of half the window or 64 KiB, whichever
/// is smaller; 0 means the peer sent CLOSE. Writes wait for credit and go out as DATA frames of at
/// most the session's frame payload. <see cref="CompleteWritesAsync"/> sends CLOSE (half close);
/// disposing sends CLOSE if the peer has closed, else RESET CANCELLED. One reader and one writer at
/// a time, as for any Stream.
/// </summary>
public sealed class TunnelStream : Stream
{
    /// <summary>
    /// The DATA payload this side writes at most: a whole frame (header and payload) then fills a
    /// 64 KiB pooled array exactly, where 65 536 + 12 bytes would take a 128 KiB one.
    /// </summary>
    public const int PreferredPayload = TunnelLimits.MaxDataPayload - TunnelFrameHeader.Size;

    private const int MaxWindowBatch = 64 * 1024;

    private readonly TunnelSession session;
    private readonly Lock gate = new();
    private readonly ReceiveBuffer received = new();
    private readonly AsyncSignal readable = new();
    private readonly AsyncSignal writable = new();
    private readonly int windowBatch;
    private readonly int maxDataPayload;
    // Server side, until OPEN_OK: completes with null when opened, or with the failure (no exceptions
    // inside, so a failure after the opener gave up is never an unobserved task exception).
    private readonly TaskCompletionSource<StreamFailure?>? openOk;
    private long sendCredit;
    private long receiveWindow;
    private int unacknowledged;
    private bool peerClosed;
    private bool writesCompleted;
    private bool closeWritten;
    private bool disposed;
    private StreamFailure? failure;
    private long bytesSent;
    private long bytesReceived;

    internal TunnelStream(TunnelSession session, uint streamId, string target, int initialWindow, int maxDataPayload,
        DateTimeOffset openedAt, bool awaitOpenOk)
    {
        this.session = session;
        StreamId = streamId;
        Target = target;
        OpenedAt = openedAt;
        this.maxDataPayload = Math.Min(maxDataPayload, PreferredPayload);
        sendCredit = initialWindow;
        receiveWindow = initialWindow;
        windowBatch = Math.Max(1, Math.Min(initialWindow / 2, MaxWindowBatch));
        openOk = awaitOpenOk ? new TaskCompletionSource<StreamFailure?>(TaskCreationOptions.RunContinuationsAsynchronously) : null;
    }

    public uint StreamId { get; }

    public string Target { get; }

    public DateTimeOffset OpenedAt { get; }

    /// <summary>DATA payload bytes written so far (counted as they are queued).</summary>
    public long BytesSent => Interlocked.Read(ref bytesSent);

    /// <summary>DATA payload bytes received so far.</summary>
    public long BytesReceived => Interlocked.Read(ref bytesReceived);

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    internal Task<StreamFailure?> WhenOpened => openOk?.Task ?? Task.FromResult<StreamFailure?>(null);

    internal bool AwaitingOpenOk => openOk is { Task.IsCompleted: false };

    internal bool IsReset
    {
        get
        {
            lock (gate)
            {
                return failure is not null;
            }
        }
    }

    internal TunnelStreamStats GetStats() => new(StreamId, Target, OpenedAt, BytesSent, BytesReceived);

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            int copied;
            uint credit = 0;
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                if (failure is not null)
                {
                    throw failure.ToException();
                }
                if (received.Length > 0 && !destination.IsEmpty)
                {
                    copied = received.CopyTo(destination.Span);
                    unacknowledged += copied;
                    if (unacknowledged >= windowBatch && !peerClosed)
                    {
                        credit = (uint)unacknowledged;
                        receiveWindow += unacknowledged;
                        unacknowledged = 0;
                    }
                }
                else if (received.Length > 0 || peerClosed)
                {
                    return 0;
                }
                else
                {
                    copied = -1;
                }
            }
            if (copied >= 0)
            {
                if (credit > 0)
                {
                    session.SendWindow(StreamId, credit);
                }
                return copied;
            }
            await readable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        while (!source.IsEmpty)
        {
            int n;
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                if (failure is not null)
                {
                    throw failure.ToException();
                }
                if (writesCompleted)
                {
                    throw new InvalidOperationException($"Stream {StreamId}: writes were completed (CLOSE sent).");
                }
                n = (int)Math.Min(Math.Min(sendCredit, maxDataPayload), source.Length);
                sendCredit -= n;
            }
            if (n == 0)
            {
                await writable.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            var buffer = ArrayPool<byte>.Shared.Rent(TunnelFrameHeader.Size + n);
            TunnelFrameHeader.Create(TunnelFrameType.Data, StreamId, n).Write(buffer);
            source.Span[..n].CopyTo(buffer.AsSpan(TunnelFrameHeader.Size));
            try
            {
                await session.EnqueueDataAsync(new OutgoingFrame(buffer, TunnelFrameHeader.Size + n, TunnelFrameType.Data, this),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The credit is spent and the bytes half written: the stream can no longer be trusted.
                Abort(TunnelErrorCode.Cancelled, "a write was cancelled");
                throw;
            }
            Interlocked.Add(ref bytesSent, n);
            session.CountSent(n);
            source = source[n..];
        }
    }

    /// <summary>Sends CLOSE: no more DATA from this side. Reads go on until the peer closes too.</summary>
    public Task CompleteWritesAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (failure is not null)
            {
                throw failure.ToException();
            }
            if (writesCompleted)
            {
                return Task.CompletedTask;
            }
            writesCompleted = true;
        }
        session.SendClose(this);
        return Task.CompletedTask;
    }

    /// <summary>Resets the stream (RESET with <paramref name="code"/>); pending and later reads and writes fail.</summary>
    public void Abort(TunnelErrorCode code, string? reason)
    {
        if (Fail(new StreamFailure(code, reason ?? "aborted", SessionClosed: false)))
        {
            session.SendReset(this, code, reason);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
        // Frames are queued as written; the session's writer sends them.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override ValueTask DisposeAsync()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            base.Dispose(disposing);
            return;
        }
        bool sendClose = false;
        bool reset = false;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
            if (failure is null)
            {
                if (peerClosed)
                {
                    sendClose = !writesCompleted;
                    writesCompleted = true;
                }
                else
                {
                    reset = true;
                }
            }
        }
        if (sendClose)
        {
            session.SendClose(this);
        }
        else if (reset)
        {
            Abort(TunnelErrorCode.Cancelled, "the stream was disposed");
        }
        lock (gate)
        {
            received.Clear();
        }
        base.Dispose(disposing);
    }

    // ---- called by the session ----

    internal DataAdmission AdmitData(int length)
    {
        lock (gate)
        {
            if (failure is not null)
            {
                return DataAdmission.Drop;
            }
            if (AwaitingOpenOk)
            {
                return DataAdmission.NotOpen;
            }
            if (peerClosed)
            {
                return DataAdmission.AfterClose;
            }
            if (length > receiveWindow)
            {
                return DataAdmission.BeyondWindow;
            }
            receiveWindow -= length;
            return DataAdmission.Accept;
        }
    }

    /// <summary>Takes a pooled array of received bytes (returned to the pool if the stream is gone).</summary>
    internal void AppendOwned(byte[] array, int length)
    {
        lock (gate)
        {
            if (failure is not null || disposed)
            {
                ArrayPool<byte>.Shared.Return(array);
                return;
            }
            received.AppendOwned(array, length);
        }
        Interlocked.Add(ref bytesReceived, length);
        readable.Set();
    }

    internal void AppendCopy(ReadOnlySpan<byte> data)
    {
        lock (gate)
        {
            if (failure is not null || disposed)
            {
                return;
            }
            received.AppendCopy(data);
        }
        Interlocked.Add(ref bytesReceived, data.Length);
        readable.Set();
    }

    /// <summary>Adds send credit; false when it would exceed <see cref="TunnelLimits.MaxWindow"/>.</summary>
    internal bool AddCredit(uint increment)
    {
        lock (gate)
        {
            if (failure is not null)
            {
                return true;
            }
            if (sendCredit + increment > TunnelLimits.MaxWindow)
            {
                return false;
            }
            sendCredit += increment;
        }
        writable.Set();
        return true;
    }

    /// <summary>The peer's CLOSE. False when it had already closed. <paramref name="finished"/>: both sides have closed.</summary>
    internal bool OnPeerClose(out bool finished)
    {
        lock (gate)
        {
            finished = false;
            if (failure is not null)
            {
                return true;
            }
            if (peerClosed || AwaitingOpenOk)
            {
                return false;
            }
            peerClosed = true;
            finished = closeWritten;
        }
        readable.Set();
        return true;
    }

    /// <summary>The writer put our CLOSE on the wire. True when the peer had closed too: the stream is finished.</summary>
    internal bool OnCloseWritten()
    {
        lock (gate)
        {
            closeWritten = true;
            return peerClosed && failure is null;
        }
    }

    internal bool OnOpenOk() => openOk is not null && openOk.TrySetResult(null);

    /// <summary>Marks the stream failed and wakes its reader, writer and opener. False if it already was.</summary>
    internal bool Fail(StreamFailure why)
    {
        lock (gate)
        {
            if (failure is not null)
            {
                return false;
            }
            failure = why;
            received.Clear();
        }
        readable.Set();
        writable.Set();
        openOk?.TrySetResult(why);
        return true;
    }
}
