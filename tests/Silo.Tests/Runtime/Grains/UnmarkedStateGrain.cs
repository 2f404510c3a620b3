using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>Wrong on purpose: a state parameter without [PersistentState].</summary>
public sealed class UnmarkedStateGrain(IPersistentState<CounterState> state) : Grain, IUnregisteredGrain
{
    public Task PingAsync(CancellationToken cancellationToken) => Task.FromResult(state.State.Count);
}
