using System.Threading.Channels;

namespace CameraCloud.Agent.Tests;

/// <summary>
/// A clock that moves only on <see cref="Advance"/>; due timers fire inside that call. One-shot timers
/// (Task.Delay, grace periods) are announced on <see cref="OneShotTimers"/> so a test can wait for the
/// code under test to start waiting, then move time exactly that far.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);

    public Channel<TimeSpan> OneShotTimers { get; } = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        if (period == Timeout.InfiniteTimeSpan && dueTime != Timeout.InfiniteTimeSpan)
        {
            OneShotTimers.Writer.TryWrite(dueTime);
        }
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }
        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt is { } at && at <= target).MinBy(t => t.DueAt);
                // Another thread may have advanced further meanwhile (a scripted session does): never go back.
                if (due is null)
                {
                    _now = target > _now ? target : _now;
                    return;
                }
                _now = due.DueAt!.Value > _now ? due.DueAt.Value : _now;
                due.Rearm(_now);
            }
            due.Fire();
        }
    }

    /// <summary>Waits (bounded) for the next one-shot timer the code under test creates.</summary>
    public async Task<TimeSpan> NextOneShotAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await OneShotTimers.Reader.ReadAsync(timeout.Token);
    }

    internal void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    internal void Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            timer.Set(dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime, period);
        }
    }
}
