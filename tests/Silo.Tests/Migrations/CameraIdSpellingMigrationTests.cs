using System.Net.Http.Json;
using System.Text.Json;
using CameraCloud.Cameras;
using CameraCloud.Silo.Migrations;
using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Storage.Redis;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.Silo.Tests.Storage;
using CameraCloud.Silo.Tests.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace CameraCloud.Silo.Tests.Migrations;

/// <summary>
/// Records written before camera ids were lower-cased (under the camera's own spelling, e.g. <c>0800c00128F8</c>)
/// are found under the one spelling after an upgrade, on both stores.
/// </summary>
public sealed class CameraIdSpellingMigrationTests
{
    private const string Legacy = "0800c00128F8";
    private const string Normalized = "0800c00128f8";
    private const string Other = "0800c0aaaaaa";

    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_embedded_store_from_before_is_read_under_lower_case_ids_after_the_upgrade()
    {
        using var data = new TempFolder();
        var storage = StorageFactory.Create(data.Path);
        await WriteLegacyAsync(storage);

        await using var silo = await RunningSilo.StartOnDataAsync(data.Path);

        await AssertMigratedAsync(silo, storage);
    }

    [Fact]
    public async Task A_redis_store_from_before_is_read_under_lower_case_ids_after_the_upgrade()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = await RedisStorageFactory.ConnectAsync(redis);
        var storage = new RedisGrainStorage(connection, NullLogger<RedisGrainStorage>.Instance);
        await WriteLegacyAsync(storage);

        await using var silo = await RunningSilo.StartAsync("--Storage:Provider=Redis", $"--Storage:Redis={redis.ConnectionString}");

        await AssertMigratedAsync(silo, storage);
    }

    [Fact]
    public async Task A_record_already_under_the_lower_case_id_is_merged_field_by_field_not_overwritten()
    {
        using var data = new TempFolder();
        var storage = StorageFactory.Create(data.Path);
        await WriteLegacyAsync(storage);
        // Since the upgrade-less build ran, an MQTT report for the lower-case spelling created a second record.
        await WriteAsync(storage, "camera", Normalized, "camera",
            new CameraState { MqttStatus = 1, FirstSeen = Monday.AddDays(2), LastSeen = Monday.AddDays(3) });

        await using var silo = await RunningSilo.StartOnDataAsync(data.Path);

        var info = await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{Normalized}", Timeouts.Short);
        Assert.Equal("Porch", info.GetProperty("name").GetString());
        Assert.Equal("202212011602", info.GetProperty("firmware").GetString());
        Assert.Equal(1, info.GetProperty("mqttStatus").GetInt32());
        Assert.Equal(Monday, info.GetProperty("firstSeen").GetDateTimeOffset());
        Assert.Equal(Monday.AddDays(3), info.GetProperty("lastSeen").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_pass_cut_short_after_moving_a_record_is_finished_by_the_next_start()
    {
        using var data = new TempFolder();
        var storage = StorageFactory.Create(data.Path);
        // The record was moved, the node stopped before the index was rewritten.
        await WriteAsync(storage, "cameraindex", "default", "index", new CameraIndexState { Ids = [Legacy, Other] });
        await WriteAsync(storage, "camera", Normalized, "camera", new CameraState { Name = "Porch", FirstSeen = Monday, LastSeen = Monday });
        await WriteAsync(storage, "camera", Other, "camera", new CameraState { Name = "Gate", FirstSeen = Monday, LastSeen = Monday });

        await using var silo = await RunningSilo.StartOnDataAsync(data.Path);

        await AssertMigratedAsync(silo, storage);
    }

    [Fact]
    public async Task A_store_with_lower_case_ids_only_is_left_as_it_is()
    {
        using var data = new TempFolder();
        var storage = StorageFactory.Create(data.Path);
        var indexEtag = await WriteAsync(storage, "cameraindex", "default", "index", new CameraIndexState { Ids = [Normalized] });
        var cameraEtag = await WriteAsync(storage, "camera", Normalized, "camera", new CameraState { Name = "Porch" });

        await using var silo = await RunningSilo.StartOnDataAsync(data.Path);

        Assert.Equal(indexEtag, (await storage.ReadAsync("cameraindex", "default", "index", Timeouts.Short))!.Etag);
        Assert.Equal(cameraEtag, (await storage.ReadAsync("camera", Normalized, "camera", Timeouts.Short))!.Etag);
    }

    [Fact]
    public void Merging_keeps_the_newest_value_of_each_field_the_earliest_first_sighting_and_fills_gaps_from_the_older()
    {
        var older = new CameraState
        {
            Name = "Porch", Firmware = "202212011602", FirstSeen = Monday, LastSeen = Monday.AddDays(1),
            LastAddress = "192.0.2.1", ProvisionedHere = true, BaseInfoJson = """{"code":4}""", MqttStatus = 0,
        };
        var newer = new CameraState { Firmware = "202412061749", FirstSeen = Monday.AddDays(2), LastSeen = Monday.AddDays(3), MqttStatus = 1 };

        foreach (var merged in new[] { CameraIdSpellingMigration.Merge(older, newer), CameraIdSpellingMigration.Merge(newer, older) })
        {
            Assert.Equal(older with { Firmware = "202412061749", LastSeen = Monday.AddDays(3), MqttStatus = 1 }, merged);
        }
    }

    private static async Task WriteLegacyAsync(IGrainStorage storage)
    {
        await WriteAsync(storage, "cameraindex", "default", "index", new CameraIndexState { Ids = [Legacy, Other] });
        await WriteAsync(storage, "camera", Legacy, "camera",
            new CameraState { Name = "Porch", Firmware = "202212011602", FirstSeen = Monday, LastSeen = Monday.AddDays(1) });
        await WriteAsync(storage, "camera", Other, "camera", new CameraState { Name = "Gate", FirstSeen = Monday, LastSeen = Monday });
    }

    private static async Task AssertMigratedAsync(RunningSilo silo, IGrainStorage storage)
    {
        var page = await silo.Client.GetFromJsonAsync<JsonElement>("api/cameras", Timeouts.Short);
        Assert.Equal([Normalized, Other], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        foreach (var spelling in new[] { Normalized, Legacy, "0800C00128F8" })
        {
            var info = await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{spelling}", Timeouts.Short);
            Assert.Equal(Normalized, info.GetProperty("id").GetString());
            Assert.Equal("Porch", info.GetProperty("name").GetString());
        }
        Assert.Null(await storage.ReadAsync("camera", Legacy, "camera", Timeouts.Short));
    }

    /// <summary>Writes a record as the grain runtime stores it (the state's JSON), as an older build left it.</summary>
    private static async Task<string> WriteAsync<TState>(IGrainStorage storage, string grainType, string key, string stateName, TState value)
        where TState : class, new()
    {
        var state = new PersistentState<TState>(storage, grainType, key, stateName);
        await state.ReadStateAsync(Timeouts.Short);
        state.State = value;
        await state.WriteStateAsync(Timeouts.Short);
        return state.Etag!;
    }
}
