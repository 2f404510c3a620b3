using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>A grain for turn-discipline tests: calls that wait, rendezvous, throw, call around and tick.</summary>
public interface ITurnGrain : IGrainWithStringKey
{
    Task<int> GetInstanceAsync(CancellationToken cancellationToken);

    /// <summary>Marks itself inside, yields, waits for <paramref name="release"/>, yields again, leaves.</summary>
    Task HoldAsync(Task release, CancellationToken cancellationToken);

    /// <summary>The most calls and ticks ever inside at once.</summary>
    Task<int> GetMaxInsideAsync(CancellationToken cancellationToken);

    /// <summary>Signals <paramref name="arrived"/>, then waits for <paramref name="other"/> (bounded).</summary>
    Task RendezvousAsync(TaskCompletionSource arrived, Task other, CancellationToken cancellationToken);

    Task ThrowAsync(string message, CancellationToken cancellationToken);

    /// <summary>Throws before returning a task at all.</summary>
    Task ThrowSynchronously(string message);

    /// <summary>Calls <c>path[0]</c> with the rest of the path; the last grain returns its instance.</summary>
    Task<int> RelayAsync(string[] path, CancellationToken cancellationToken);

    Task StartTimerAsync(TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken);

    Task DelayDeactivationAsync(TimeSpan period, CancellationToken cancellationToken);

    Task DeactivateOnIdleAsync(CancellationToken cancellationToken);

    ValueTask<int> GetInstanceValueAsync(CancellationToken cancellationToken);
}
