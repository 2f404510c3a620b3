namespace CameraCloud.Actors;

/// <summary>
/// A grain's persisted state with optimistic concurrency, as Orleans' <c>IPersistentState&lt;T&gt;</c>.
/// The runtime reads it before <see cref="Grain.OnActivateAsync"/>.
/// </summary>
public interface IPersistentState<TState> where TState : class, new()
{
    TState State { get; set; }

    /// <summary>Opaque version of the stored record; null when nothing is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>; throws <see cref="InconsistentStateException"/> when the stored ETag moved.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
