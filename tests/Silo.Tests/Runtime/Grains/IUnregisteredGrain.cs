using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>A valid contract no grain class serves.</summary>
public interface IUnregisteredGrain : IGrainWithStringKey
{
    Task PingAsync(CancellationToken cancellationToken);
}
