namespace CameraCloud.Silo.Storage;

/// <summary>
/// Where grain state records live, addressed by (grain type, key, state name). Provider-neutral: the
/// embedded file store implements it today, a Redis store later. Records carry an opaque ETag for
/// optimistic concurrency.
/// </summary>
public interface IGrainStorage
{
    /// <summary>The record, or null when none is stored.</summary>
    Task<StoredRecord?> ReadAsync(string grainType, string key, string stateName, CancellationToken ct);

    /// <summary>
    /// Stores <paramref name="data"/> when the stored ETag equals <paramref name="expectedEtag"/>
    /// (null: the record must not exist) and returns the new ETag; otherwise throws
    /// <see cref="CameraCloud.Actors.InconsistentStateException"/>.
    /// </summary>
    Task<string> WriteAsync(string grainType, string key, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken ct);

    /// <summary>
    /// Removes the record under the same ETag rule as <see cref="WriteAsync"/>; clearing a record that
    /// does not exist with a null expected ETag does nothing.
    /// </summary>
    Task ClearAsync(string grainType, string key, string stateName, string? expectedEtag, CancellationToken ct);
}
