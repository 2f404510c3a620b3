using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

public sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> counter,
    GrainProbe probe) : ProbedGrain(probe), ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The runtime reads state before OnActivateAsync; record what this activation started from.
        Probe.Record(new LifecycleEvent(nameof(CounterGrain), GrainKey, Instance, $"activated-with-{counter.State.Count}"));
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<CounterSnapshot> IncrementAsync(CancellationToken cancellationToken)
    {
        counter.State.Count++;
        await counter.WriteStateAsync(cancellationToken);
        return Snapshot();
    }

    public Task<CounterSnapshot> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Snapshot());

    public async Task<CounterSnapshot> ClearAsync(CancellationToken cancellationToken)
    {
        await counter.ClearStateAsync(cancellationToken);
        return Snapshot();
    }

    public Task DeactivateOnIdleAsync(CancellationToken cancellationToken)
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private CounterSnapshot Snapshot() => new(counter.State.Count, counter.Etag, counter.RecordExists, Instance);
}
