using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>A grain with one persisted counter.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one and writes the state.</summary>
    Task<CounterSnapshot> IncrementAsync(CancellationToken cancellationToken);

    Task<CounterSnapshot> GetAsync(CancellationToken cancellationToken);

    Task<CounterSnapshot> ClearAsync(CancellationToken cancellationToken);

    Task DeactivateOnIdleAsync(CancellationToken cancellationToken);
}
