using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Storage.Redis;
using Xunit;

namespace CameraCloud.Silo.Tests.Storage.Redis;

/// <summary>A Redis key that is not what the store wrote is reported, naming the key, and never touched.</summary>
public sealed class RedisGarbageTests : IAsyncLifetime
{
    private const string Key = "cameracloud:grain:camera:k:state";

    private RedisServer _server = null!;
    private RedisConnection _connection = null!;
    private RedisGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _connection = await RedisStorageFactory.ConnectAsync(_server);
        _storage = RedisStorageFactory.Storage(_connection);
    }

    public async Task DisposeAsync()
    {
        _connection.Dispose();
        await _server.DisposeAsync();
    }

    public static TheoryData<string, string[], string> BadKeys() => new()
    {
        { "a string, not a hash", ["SET", Key, "garbage"], "not a Redis hash" },
        { "a list", ["RPUSH", Key, "x"], "not a Redis hash" },
        { "no etag", ["HSET", Key, "data", "{}"], "no \"etag\"" },
        { "an empty etag", ["HSET", Key, "etag", "", "data", "{}"], "no \"etag\"" },
        { "no data", ["HSET", Key, "etag", "e1"], "no \"data\"" },
        { "a field we never write", ["HSET", Key, "etag", "e1", "data", "{}", "format", "9"], "field \"format\"" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_bad_key_makes_every_operation_fail_naming_it_and_stays_untouched(string what, string[] plant, string problem)
    {
        await _server.CommandAsync(plant);
        string before = await DescribeAsync();

        var read = await Assert.ThrowsAsync<InvalidDataException>(() => _storage.ReadAsync("camera", "k", "state", default));
        var write = await Assert.ThrowsAsync<InvalidDataException>(
            () => _storage.WriteAsync("camera", "k", "state", "{}"u8.ToArray(), null, default));
        await Assert.ThrowsAsync<InvalidDataException>(
            () => _storage.WriteAsync("camera", "k", "state", "{}"u8.ToArray(), "e1", default));
        await Assert.ThrowsAsync<InvalidDataException>(() => _storage.ClearAsync("camera", "k", "state", "e1", default));
        await Assert.ThrowsAsync<InvalidDataException>(() => _storage.ClearAsync("camera", "k", "state", null, default));

        foreach (InvalidDataException error in new[] { read, write })
        {
            Assert.Contains($"'{Key}'", error.Message, StringComparison.Ordinal);
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }

        Assert.True(before == await DescribeAsync(), $"{what}: the store changed the bad key");
    }

    [Fact]
    public async Task Data_that_is_not_the_state_we_wrote_fails_the_state_read_naming_the_grain()
    {
        string etag = await _storage.WriteAsync("camera", "k", "state", """{"name":"Hall"}"""u8.ToArray(), null, default);
        await _server.CommandAsync("HSET", Key, "data", "\u0001not json");
        var state = new PersistentState<NamedState>(_storage, "camera", "k", "state");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => state.ReadStateAsync(default));

        Assert.Contains("State 'state' of camera/'k'", error.Message, StringComparison.Ordinal);
        Assert.Equal(etag, (await _storage.ReadAsync("camera", "k", "state", default))!.Etag);
    }

    private async Task<string> DescribeAsync()
    {
        string type = await _server.CommandAsync("TYPE", Key);
        string content = type switch
        {
            "string" => await _server.CommandAsync("GET", Key),
            "list" => await _server.CommandAsync("LRANGE", Key, "0", "-1"),
            _ => await _server.CommandAsync("HGETALL", Key),
        };
        return type + "\n" + content;
    }
}
