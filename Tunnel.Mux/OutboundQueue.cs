namespace CameraCloud.Tunnel;

/// <summary>
/// The frames waiting for the session's one writer loop: a control queue that always goes first
/// (WINDOW, PING/PONG, RESET, OPEN, control messages) so credit and liveness never wait behind
/// megabytes of DATA, and a DATA queue that is FIFO across streams so streams share the socket
/// fairly. CLOSE rides in the DATA queue: it must follow its stream's last DATA.
/// Both are bounded; producers wait for a slot. Frames whose number is already bounded by the
/// protocol (one RESET or CLOSE per stream, WINDOW credit at most a window's worth) may be
/// enqueued without a slot so that synchronous paths (Abort, Dispose, a read returning credit)
/// never block.
/// </summary>
internal sealed class OutboundQueue(int controlCapacity, int dataCapacity)
{
    // Enough to wake every producer waiting for a slot once the queue is closed.
    private const int CloseRelease = 1 << 24;

    private readonly Lock gate = new();
    private readonly Queue<OutgoingFrame> control = new();
    private readonly Queue<OutgoingFrame> data = new();
    private readonly SemaphoreSlim controlSlots = new(controlCapacity);
    private readonly SemaphoreSlim dataSlots = new(dataCapacity);
    private readonly AsyncSignal available = new();
    private bool closed;

    public bool IsClosed
    {
        get
        {
            lock (gate)
            {
                return closed;
            }
        }
    }

    /// <summary>Waits for a slot, then queues. Throws <see cref="TunnelSessionClosedException"/> once closed; the frame's buffer is released on every failure.</summary>
    public async ValueTask EnqueueAsync(OutgoingFrame frame, bool isControl, CancellationToken ct)
    {
        var slots = isControl ? controlSlots : dataSlots;
        try
        {
            await slots.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            frame.Release();
            throw;
        }
        if (!Add(frame with { HoldsSlot = true }, isControl))
        {
            throw new TunnelSessionClosedException("The tunnel session has ended.");
        }
    }

    /// <summary>Queues if a slot is free right now; false (buffer released) otherwise.</summary>
    public bool TryEnqueue(OutgoingFrame frame, bool isControl)
    {
        var slots = isControl ? controlSlots : dataSlots;
        if (!slots.Wait(0))
        {
            frame.Release();
            return false;
        }
        return Add(frame with { HoldsSlot = true }, isControl);
    }

    /// <summary>Queues without a slot; for frames the protocol already bounds (see the type's remarks). False once closed.</summary>
    public bool EnqueueUnbounded(OutgoingFrame frame, bool isControl) => Add(frame, isControl);

    /// <summary>The next frame, control first.</summary>
    public bool TryDequeue(out OutgoingFrame frame)
    {
        bool isControl;
        lock (gate)
        {
            if (control.TryDequeue(out frame))
            {
                isControl = true;
            }
            else if (data.TryDequeue(out frame))
            {
                isControl = false;
            }
            else
            {
                return false;
            }
        }
        if (frame.HoldsSlot)
        {
            (isControl ? controlSlots : dataSlots).Release();
        }
        return true;
    }

    /// <summary>The next control frame only (used while closing: DATA is dropped, control frames still go out).</summary>
    public bool TryDequeueControl(out OutgoingFrame frame)
    {
        lock (gate)
        {
            return control.TryDequeue(out frame);
        }
    }

    /// <summary>Completes when something may have been queued, or the queue was closed. One waiter: the writer loop.</summary>
    public ValueTask WaitAsync(CancellationToken ct) => available.WaitAsync(ct);

    /// <summary>Refuses new frames and wakes the writer and every waiting producer. Queued frames stay until drained.</summary>
    public void Close()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        available.Set();
        controlSlots.Release(CloseRelease);
        dataSlots.Release(CloseRelease);
    }

    /// <summary>Releases the buffers of all frames still queued.</summary>
    public void DiscardAll()
    {
        while (true)
        {
            OutgoingFrame frame;
            lock (gate)
            {
                if (!control.TryDequeue(out frame) && !data.TryDequeue(out frame))
                {
                    return;
                }
            }
            frame.Release();
        }
    }

    private bool Add(OutgoingFrame frame, bool isControl)
    {
        bool added;
        lock (gate)
        {
            added = !closed;
            if (added)
            {
                (isControl ? control : data).Enqueue(frame);
            }
        }
        if (added)
        {
            available.Set();
        }
        else
        {
            frame.Release();
        }
        return added;
    }
}
