using CameraCloud.Actors;
using CameraCloud.Silo.Storage;

namespace CameraCloud.Silo.Tests.MultiRuntime;

/// <summary>
/// A node's view of a shared store: passes every call to it, counts the writes that went in and the ones
/// refused as conflicts, and can hold one chosen write back, so a test can put another node's write in
/// between a grain's read and its write.
/// </summary>
internal sealed class ObservedGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string, string), int> _writes = [];
    private PausedWrite? _pause;
    private (string, string, string)? _rival;
    private int _conflicts;

    /// <summary>Writes refused because the record had moved (writes and clears).</summary>
    public int Conflicts => Volatile.Read(ref _conflicts);

    /// <summary>Writes that went in to the record.</summary>
    public int Writes(string grainType, string key, string stateName)
    {
        lock (_gate)
        {
            return _writes.GetValueOrDefault((grainType, key, stateName));
        }
    }

    /// <summary>Holds the next write to the record until <see cref="PausedWrite.Release"/>.</summary>
    public PausedWrite PauseNextWrite(string grainType, string key, string stateName)
    {
        var pause = new PausedWrite(grainType, key, stateName);
        lock (_gate)
        {
            _pause = pause;
        }
        return pause;
    }

    /// <summary>
    /// From now on, right before each write to the record, writes it again unchanged under a new ETag, as a node
    /// that always gets in between would: every write to it meets a conflict. <see cref="StopRival"/> ends it.
    /// </summary>
    public void RivalEveryWriteTo(string grainType, string key, string stateName)
    {
        lock (_gate)
        {
            _rival = (grainType, key, stateName);
        }
    }

    public void StopRival()
    {
        lock (_gate)
        {
            _rival = null;
        }
    }

    public Task<StoredRecord?> ReadAsync(string grainType, string key, string stateName, CancellationToken ct) =>
        inner.ReadAsync(grainType, key, stateName, ct);

    public async Task<string> WriteAsync(
        string grainType, string key, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken ct)
    {
        PausedWrite? pause;
        bool rival;
        lock (_gate)
        {
            rival = _rival == (grainType, key, stateName);
            pause = _pause is { } p && p.Matches(grainType, key, stateName) ? p : null;
            if (pause is not null)
            {
                _pause = null;
            }
        }

        if (pause is not null)
        {
            await pause.HoldAsync(data, ct);
        }

        if (rival && await inner.ReadAsync(grainType, key, stateName, ct) is { } current)
        {
            await inner.WriteAsync(grainType, key, stateName, current.Data, current.Etag, ct);
        }

        try
        {
            var etag = await inner.WriteAsync(grainType, key, stateName, data, expectedEtag, ct);
            lock (_gate)
            {
                _writes[(grainType, key, stateName)] = _writes.GetValueOrDefault((grainType, key, stateName)) + 1;
            }
            return etag;
        }
        catch (InconsistentStateException)
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }
    }

    public async Task ClearAsync(string grainType, string key, string stateName, string? expectedEtag, CancellationToken ct)
    {
        try
        {
            await inner.ClearAsync(grainType, key, stateName, expectedEtag, ct);
        }
        catch (InconsistentStateException)
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }
    }
}
