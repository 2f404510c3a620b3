namespace CameraCloud.Silo.Tests.Storage.Redis;

/// <summary>A small state type for reading records through <see cref="CameraCloud.Silo.Storage.PersistentState{TState}"/>.</summary>
public sealed class NamedState
{
    public string? Name { get; set; }
}
