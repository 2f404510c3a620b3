namespace CameraCloud.Silo.Runtime;

/// <summary>
/// A timer of one activation. Each tick becomes a turn; the next tick is armed only after that turn
/// ends, so ticks of a slow callback never pile up (as with Orleans' grain timers).
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _owner;
    private readonly TimeSpan _period;
    private ITimer? _timer;
    private int _disposed;

    public GrainTimer(Activation owner, Func<CancellationToken, Task> callback, TimeSpan period)
    {
        _owner = owner;
        Callback = callback;
        _period = period;
    }

    public Func<CancellationToken, Task> Callback { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Start(TimeProvider time, TimeSpan dueTime)
    {
        // Ticks must not inherit the registering turn's async-local call chain.
        if (ExecutionContext.IsFlowSuppressed())
        {
            _timer = time.CreateTimer(static s => ((GrainTimer)s!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        else
        {
            using (ExecutionContext.SuppressFlow())
            {
                _timer = time.CreateTimer(static s => ((GrainTimer)s!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        Arm(dueTime);
    }

    /// <summary>Called when a tick's turn ended (or was skipped).</summary>
    public void Rearm()
    {
        if (_period != Timeout.InfiniteTimeSpan)
        {
            Arm(_period);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timer?.Dispose();
        _owner.RemoveTimer(this);
    }

    private void Arm(TimeSpan dueTime)
    {
        if (IsDisposed || _timer is null)
        {
            return;
        }

        try
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the change: nothing left to arm.
        }
    }

    private void OnTick()
    {
        if (!IsDisposed)
        {
            _ = _owner.RunTimerTurnAsync(this);
        }
    }
}
