namespace CameraCloud.Silo.Tests.Runtime;

/// <summary>A timer of <see cref="ManualTimeProvider"/>; due times are in the provider's ticks.</summary>
public sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    private bool _disposed;

    /// <summary>Guarded by the owner's lock.</summary>
    internal long? DueAt { get; set; }

    /// <summary>Guarded by the owner's lock.</summary>
    internal long? Period { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (Volatile.Read(ref _disposed))
        {
            return false;
        }

        owner.Schedule(this, dueTime, period);
        return true;
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        owner.Remove(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal void Fire()
    {
        if (!Volatile.Read(ref _disposed))
        {
            callback(state);
        }
    }
}
