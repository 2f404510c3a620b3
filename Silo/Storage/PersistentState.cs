using System.Text.Json;
using CameraCloud.Actors;

namespace CameraCloud.Silo.Storage;

/// <summary>
/// A grain's <see cref="IPersistentState{TState}"/>: the state serialised as JSON (web defaults)
/// into one record of an <see cref="IGrainStorage"/>, versioned by the store's ETag.
/// </summary>
internal sealed class PersistentState<TState>(IGrainStorage storage, string grainType, string key, string stateName)
    : IPersistentState<TState>, IPersistentStateHandle
    where TState : class, new()
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        StoredRecord? record = await storage.ReadAsync(grainType, key, stateName, cancellationToken);
        if (record is null)
        {
            State = new TState();
            Etag = null;
            return;
        }

        State = Deserialize(record.Data);
        Etag = record.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        if (State is null)
        {
            throw new InvalidOperationException(
                $"State '{stateName}' of {grainType}/'{key}' is null; set it to a value or call ClearStateAsync.");
        }

        byte[] data = JsonSerializer.SerializeToUtf8Bytes(State, Json);
        Etag = await storage.WriteAsync(grainType, key, stateName, data, Etag, cancellationToken);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(grainType, key, stateName, Etag, cancellationToken);
        State = new TState();
        Etag = null;
    }

    private TState Deserialize(ReadOnlyMemory<byte> data)
    {
        try
        {
            return JsonSerializer.Deserialize<TState>(data.Span, Json) ?? new TState();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"State '{stateName}' of {grainType}/'{key}' cannot be read as {typeof(TState).Name}: {ex.Message}", ex);
        }
    }
}
