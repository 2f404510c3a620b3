using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>A grain with two states of the same type, to prove each parameter gets its own record.</summary>
public interface IProfileGrain : IGrainWithStringKey
{
    Task SetAsync(string home, string work, CancellationToken cancellationToken);

    Task<string[]> GetAsync(CancellationToken cancellationToken);
}
