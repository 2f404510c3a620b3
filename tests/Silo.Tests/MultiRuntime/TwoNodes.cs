using System.Text.Json;
using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Tests.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Tests.MultiRuntime;

/// <summary>
/// Two nodes over one store, each seeing it through its own <see cref="ObservedGrainStorage"/>. The store is one
/// <see cref="FileGrainStorage"/> on one folder: its per-record lock makes compare-ETag-and-write atomic across
/// both runtimes, as the Redis store's script does across processes, so the grains meet the same conflicts.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TwoNodes(IGrainStorage shared, string dataPath, string portRange)
    {
        Shared = shared;
        StoreA = new ObservedGrainStorage(shared);
        StoreB = new ObservedGrainStorage(shared);
        A = SharedStoreNode.Create(StoreA, dataPath, portRange);
        B = SharedStoreNode.Create(StoreB, dataPath, portRange);
    }

    public IGrainStorage Shared { get; }

    public ObservedGrainStorage StoreA { get; }

    public ObservedGrainStorage StoreB { get; }

    public SharedStoreNode A { get; }

    public SharedStoreNode B { get; }

    public static TwoNodes OverOneFolder(string dataPath, string portRange = "20000-20999") =>
        new(new FileGrainStorage(
                Options.Create(new StorageOptions { DataPath = dataPath }), NullLogger<FileGrainStorage>.Instance),
            dataPath, portRange);

    /// <summary>The record as the store holds it now (grain types are the class names without "Grain", lower case), or null.</summary>
    public async Task<T?> StoredAsync<T>(string grainType, string key, string stateName) where T : class
    {
        var record = await Wait.For(Shared.ReadAsync(grainType, key, stateName, CancellationToken.None));
        return record is null ? null : JsonSerializer.Deserialize<T>(record.Data.Span, Json);
    }

    public static T Parse<T>(byte[] data) => JsonSerializer.Deserialize<T>(data, Json)!;

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
