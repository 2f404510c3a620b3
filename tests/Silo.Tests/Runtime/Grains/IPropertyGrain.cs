using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>Not a valid contract: a property, even one of a task type.</summary>
public interface IPropertyGrain : IGrainWithStringKey
{
    Task<int> Count { get; }
}
