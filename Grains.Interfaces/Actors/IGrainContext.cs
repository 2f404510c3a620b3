namespace CameraCloud.Actors;

/// <summary>What the runtime gives an activation: its identity, clock, timers and lifetime controls.</summary>
public interface IGrainContext
{
    string GrainKey { get; }

    IGrainFactory GrainFactory { get; }

    TimeProvider Time { get; }

    /// <summary>
    /// Registers a timer whose callback runs as a turn of this activation (never concurrently with a call).
    /// Disposing the result stops it; deactivation stops all.
    /// </summary>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    /// <summary>Keeps the activation alive for at least <paramref name="period"/> even without calls.</summary>
    void DelayDeactivation(TimeSpan period);

    /// <summary>Deactivates once the current turn ends.</summary>
    void DeactivateOnIdle();
}
