using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

public sealed class TurnGrain(GrainProbe probe) : ProbedGrain(probe), ITurnGrain
{
    private int _inside;
    private int _maxInside;

    public Task<int> GetInstanceAsync(CancellationToken cancellationToken)
    {
        ThrowIfDeactivating();
        return Task.FromResult(Instance);
    }

    public ValueTask<int> GetInstanceValueAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Instance);

    public async Task HoldAsync(Task release, CancellationToken cancellationToken)
    {
        Enter();
        Record("entered");
        try
        {
            await Task.Yield();
            await release.WaitAsync(cancellationToken);
            await Task.Yield();
        }
        finally
        {
            Leave();
        }
    }

    public Task<int> GetMaxInsideAsync(CancellationToken cancellationToken) => Task.FromResult(Volatile.Read(ref _maxInside));

    public async Task RendezvousAsync(TaskCompletionSource arrived, Task other, CancellationToken cancellationToken)
    {
        arrived.TrySetResult();
        await other.WaitAsync(Wait.Timeout, cancellationToken);
    }

    public async Task ThrowAsync(string message, CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw new TestGrainException(message);
    }

    public Task ThrowSynchronously(string message) => throw new TestGrainException(message);

    public Task<int> RelayAsync(string[] path, CancellationToken cancellationToken) =>
        path.Length == 0
            ? Task.FromResult(Instance)
            : GrainFactory.GetGrain<ITurnGrain>(path[0]).RelayAsync(path[1..], cancellationToken);

    public Task StartTimerAsync(TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        RegisterTimer(TickAsync, dueTime, period);
        return Task.CompletedTask;
    }

    public Task DelayDeactivationAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        DelayDeactivation(period);
        return Task.CompletedTask;
    }

    public Task DeactivateOnIdleAsync(CancellationToken cancellationToken)
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        Enter();
        Record("tick");
        try
        {
            await Task.Yield();
        }
        finally
        {
            Leave();
        }
    }

    private void Enter()
    {
        // Interlocked so that a broken runtime shows up as a count above one, not as a lost update.
        int inside = Interlocked.Increment(ref _inside);
        int max;
        while (inside > (max = Volatile.Read(ref _maxInside)) && Interlocked.CompareExchange(ref _maxInside, inside, max) != max)
        {
        }
    }

    private void Leave() => Interlocked.Decrement(ref _inside);
}
