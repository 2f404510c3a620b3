namespace CameraCloud.Silo.Storage;

/// <summary>What the runtime needs of a state handle without knowing its state type.</summary>
internal interface IPersistentStateHandle
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
