using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>Not a valid contract: a method that does not return a task.</summary>
public interface IBadReturnGrain : IGrainWithStringKey
{
    Task<int> GoodAsync(CancellationToken cancellationToken);

    int CountNow();
}
