namespace CameraCloud.TestSupport;

/// <summary>
/// A timer of <see cref="ManualTimeProvider"/>. Due times and periods are in the provider's ticks since its start;
/// the provider owns all scheduling, so <see cref="DueAt"/>, <see cref="Period"/> and <see cref="Disposed"/> are
/// guarded by the provider's lock.
/// </summary>
internal sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    private volatile bool _disposed;

    /// <summary>When the timer fires next, or null while it is not armed.</summary>
    internal long? DueAt { get; set; }

    /// <summary>The period it re-arms with after firing, or null for a one-shot timer.</summary>
    internal long? Period { get; set; }

    /// <summary>Written under the provider's lock; also read without it by <see cref="Fire"/>, hence volatile.</summary>
    internal bool Disposed
    {
        get => _disposed;
        set => _disposed = value;
    }

    /// <summary>Re-arms the timer; false, as for a real timer, once it is disposed.</summary>
    public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Schedule(this, dueTime, period);

    public void Dispose() => owner.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the callback unless the timer was disposed after the provider picked it to fire.</summary>
    internal void Fire()
    {
        if (!_disposed)
        {
            callback(state);
        }
    }
}
