namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when a test says so. Timers fire inside <see cref="Advance"/>, in due
/// order. <see cref="WaitForTimersAsync"/> lets a test wait until the code under test is actually
/// waiting on the clock before it moves it.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly List<(int Count, TaskCompletionSource Done)> waiters = [];
    private long ticks;

    public DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (gate)
        {
            return ticks;
        }
    }

    public override DateTimeOffset GetUtcNow() => Start + TimeSpan.FromTicks(GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (gate)
        {
            timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    public int ActiveTimers
    {
        get
        {
            lock (gate)
            {
                return timers.Count(t => t.Due is not null);
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> timers are armed.</summary>
    public Task WaitForTimersAsync(int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            waiters.Add((count, done));
        }
        CheckWaiters();
        return done.Task.WaitAsync(Timeouts.Default);
    }

    public void Advance(TimeSpan by)
    {
        long target;
        lock (gate)
        {
            target = ticks + by.Ticks;
        }
        while (true)
        {
            ManualTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.Due <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null)
                {
                    ticks = target;
                    break;
                }
                ticks = Math.Max(ticks, next.Due!.Value);
                next.Due = next.Period is { } period ? ticks + Math.Max(1, period) : null;
            }
            next.Fire();
        }
        CheckWaiters();
    }

    private void Changed() => CheckWaiters();

    private void CheckWaiters()
    {
        List<TaskCompletionSource> ready = [];
        lock (gate)
        {
            int active = timers.Count(t => t.Due is not null);
            for (int i = waiters.Count - 1; i >= 0; i--)
            {
                if (active >= waiters[i].Count)
                {
                    ready.Add(waiters[i].Done);
                    waiters.RemoveAt(i);
                }
            }
        }
        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long? Due { get; set; }

        public long? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner.ticks + dueTime.Ticks;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period.Ticks;
            }
            owner.Changed();
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.gate)
            {
                Due = null;
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
