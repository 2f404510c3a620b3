using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>A grain whose OnDeactivateAsync waits for the probe's gate.</summary>
public interface ISlowDeactivationGrain : IGrainWithStringKey
{
    Task<int> GetInstanceAsync(CancellationToken cancellationToken);
}
