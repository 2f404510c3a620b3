using System.Threading.Channels;

namespace CameraCloud.TestSupport;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>. Due timers fire synchronously inside that call,
/// in due order, each seeing the clock at its due time. Before moving the clock a test waits until the code under
/// test is actually waiting on it: <see cref="WaitForTimersAsync"/>, <see cref="WaitForNextArmAsync"/> or
/// <see cref="NextOneShotAsync"/>, each bounded by <see cref="WaitTimeout"/>.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>Where a clock made without a start begins: 2025-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// How long the waiting helpers wait before they throw <see cref="TimeoutException"/>: something that should
    /// happen at once did not, and the test fails instead of hanging.
    /// </summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(20);

    // Every one-shot timer is announced, but only some tests read the announcements: keep the latest few.
    private const int OneShotBacklog = 1024;

    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<TaskCompletionSource> _armWaiters = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _countWaiters = [];
    private readonly Channel<TimeSpan> _oneShots = Channel.CreateBounded<TimeSpan>(
        new BoundedChannelOptions(OneShotBacklog) { FullMode = BoundedChannelFullMode.DropOldest });

    // Ticks since Start; guarded by _gate. Timers keep their due times on the same scale.
    private long _elapsed;

    /// <summary>A clock at <see cref="DefaultStart"/>.</summary>
    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    /// <summary>A clock at <paramref name="start"/>, for tests whose expected output names a date.</summary>
    public ManualTimeProvider(DateTimeOffset start) => Start = start;

    /// <summary>What <see cref="GetUtcNow"/> returned before the clock first moved.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Timestamps are in <see cref="TimeSpan"/> ticks, so they convert to time spans exactly.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many timers are armed (have a due time) right now.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                return CountArmed();
            }
        }
    }

    /// <summary><see cref="Start"/> plus every <see cref="Advance"/> so far.</summary>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return Start.AddTicks(_elapsed);
        }
    }

    /// <summary>
    /// The UTC ticks of <see cref="GetUtcNow"/>: far from zero, like a real timestamp, so code that takes a zero
    /// timestamp for "never" behaves here as it does in production.
    /// </summary>
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return Start.UtcTicks + _elapsed;
        }
    }

    /// <summary>
    /// A timer that fires only inside <see cref="Advance"/>. A one-shot timer (finite due time, infinite period,
    /// as <c>Task.Delay</c> and <c>CancellationTokenSource.CancelAfter</c> make) is announced to
    /// <see cref="NextOneShotAsync"/> once it is armed.
    /// </summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        if (period == Timeout.InfiniteTimeSpan && dueTime != Timeout.InfiniteTimeSpan)
        {
            _oneShots.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>
    /// Moves the clock forward by <paramref name="by"/>, firing every timer that falls due on the way, earliest
    /// first, with the clock set to its due time; a periodic timer re-arms and may fire again within the same call.
    /// Callbacks run on the caller's thread, outside the clock's lock, so they may read the clock or arm timers.
    /// The clock never goes back: when another thread advanced it further meanwhile, this call leaves it there.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        long target;
        lock (_gate)
        {
            target = _elapsed + by.Ticks;
        }

        while (NextDue(target) is { } next)
        {
            next.Fire();
        }

        NotifyCountWaiters();
    }

    /// <summary>
    /// Completes once at least <paramref name="count"/> timers are armed at the same time (at once if they already
    /// are); throws <see cref="TimeoutException"/> after <see cref="WaitTimeout"/>.
    /// </summary>
    public Task WaitForTimersAsync(int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _countWaiters.Add((count, done));
        }

        NotifyCountWaiters();
        return done.Task.WaitAsync(WaitTimeout);
    }

    /// <summary>
    /// Completes the next time any timer is armed (created or changed with a finite due time) after this call;
    /// throws <see cref="TimeoutException"/> after <see cref="WaitTimeout"/>. Call it before the action that arms.
    /// </summary>
    public Task WaitForNextArmAsync()
    {
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _armWaiters.Add(armed);
        }

        return armed.Task.WaitAsync(WaitTimeout);
    }

    /// <summary>
    /// The due time of the next one-shot timer created (in creation order, including those created before this
    /// call and not yet taken); throws <see cref="TimeoutException"/> after <see cref="WaitTimeout"/>.
    /// </summary>
    public async Task<TimeSpan> NextOneShotAsync()
    {
        using var timeout = new CancellationTokenSource(WaitTimeout);
        try
        {
            return await _oneShots.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"No one-shot timer was created within {WaitTimeout}.");
        }
    }

    /// <summary>Arms or disarms <paramref name="timer"/>; false once it is disposed.</summary>
    internal bool Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource[] armed = [];
        lock (_gate)
        {
            if (timer.Disposed)
            {
                return false;
            }

            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _elapsed + Math.Max(0, dueTime.Ticks);
            timer.Period = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? null : period.Ticks;
            if (timer.DueAt is not null)
            {
                armed = [.. _armWaiters];
                _armWaiters.Clear();
            }
        }

        foreach (var waiter in armed)
        {
            waiter.TrySetResult();
        }

        NotifyCountWaiters();
        return true;
    }

    /// <summary>Forgets <paramref name="timer"/> for good: it never fires again, even if it was about to.</summary>
    internal void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            timer.DueAt = null;
            _timers.Remove(timer);
        }
    }

    /// <summary>
    /// Takes the earliest timer due by <paramref name="target"/>, sets the clock to its due time and re-arms it;
    /// with none left, sets the clock to <paramref name="target"/> and returns null.
    /// </summary>
    private ManualTimer? NextDue(long target)
    {
        lock (_gate)
        {
            ManualTimer? next = null;
            foreach (var timer in _timers)
            {
                // Strictly earlier only: of timers due at the same tick, the one created first fires first.
                if (timer.DueAt is { } due && due <= target && (next is null || due < next.DueAt))
                {
                    next = timer;
                }
            }

            if (next is null)
            {
                _elapsed = Math.Max(_elapsed, target);
                return null;
            }

            _elapsed = Math.Max(_elapsed, next.DueAt!.Value);
            next.DueAt = next.Period is { } period ? _elapsed + period : null;
            return next;
        }
    }

    private void NotifyCountWaiters()
    {
        List<TaskCompletionSource> ready = [];
        lock (_gate)
        {
            int armed = CountArmed();
            for (int i = _countWaiters.Count - 1; i >= 0; i--)
            {
                if (armed >= _countWaiters[i].Count)
                {
                    ready.Add(_countWaiters[i].Done);
                    _countWaiters.RemoveAt(i);
                }
            }
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }

    // Callers hold _gate.
    private int CountArmed()
    {
        int armed = 0;
        foreach (var timer in _timers)
        {
            if (timer.DueAt is not null)
            {
                armed++;
            }
        }

        return armed;
    }
}
