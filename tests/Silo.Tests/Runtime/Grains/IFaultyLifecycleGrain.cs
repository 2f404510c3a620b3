using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>Served by grains whose activation or deactivation throws.</summary>
public interface IFaultyLifecycleGrain : IGrainWithStringKey
{
    Task<int> GetInstanceAsync(CancellationToken cancellationToken);
}
