using System.Text;
using CameraCloud.Silo.Storage.Redis;
using Xunit;

namespace CameraCloud.Silo.Tests.Storage.Redis;

/// <summary>Grain keys come from devices and URLs: every string must map to its own Redis key and nothing else.</summary>
public sealed class RedisHostileKeyTests : IAsyncLifetime
{
    private static readonly string[] Keys =
    [
        "../x", "..", ".", "", "a/b", "a\\b", "a:b", ":", "a:state", "k:state:x", "*", "a b", "a\0b", "a\r\nb",
        "CON", "A", "a", "_", "~", " ", "0800c00128F8", "ключ-камера-📷", new string('x', 2000),
        string.Concat(Enumerable.Repeat("📷", 200)),
    ];

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

    [Fact]
    public async Task Every_key_gets_its_own_record_and_nothing_else_is_written()
    {
        foreach (string key in Keys)
        {
            await _storage.WriteAsync("camera", key, "state", Encoding.UTF8.GetBytes(Quote(key)), null, default);
        }

        foreach (string key in Keys)
        {
            Assert.Equal(Quote(key), Encoding.UTF8.GetString((await _storage.ReadAsync("camera", key, "state", default))!.Data.Span));
        }

        Assert.Equal($"{Keys.Length}", await _server.CommandAsync("DBSIZE"));
    }

    [Fact]
    public async Task A_key_with_colons_cannot_be_reached_through_another_grain_type_or_state()
    {
        await _storage.WriteAsync("camera", "a:state", "other", "1"u8.ToArray(), null, default);

        // The two other splits of "camera:a:state:other" would need a colon in the type or state name.
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.ReadAsync("camera", "a", "state:other", default));
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.ReadAsync("camera:a", "state", "other", default));
        Assert.Null(await _storage.ReadAsync("camera", "a", "state", default));
        Assert.NotNull(await _storage.ReadAsync("camera", "a:state", "other", default));
    }

    [Theory]
    [InlineData("camera:x", "state")]
    [InlineData("camera", "state:x")]
    public async Task A_grain_type_or_state_name_with_a_colon_is_refused(string grainType, string stateName)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _storage.WriteAsync(grainType, "k", stateName, "1"u8.ToArray(), null, default));

        Assert.Contains("ambiguous", error.Message, StringComparison.Ordinal);
        Assert.Equal("0", await _server.CommandAsync("DBSIZE"));
    }

    [Fact]
    public async Task A_key_that_is_not_valid_unicode_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _storage.WriteAsync("camera", "bad\ud800", "state", "1"u8.ToArray(), null, default));

        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
    }

    private static string Quote(string key) => System.Text.Json.JsonSerializer.Serialize(key);
}
