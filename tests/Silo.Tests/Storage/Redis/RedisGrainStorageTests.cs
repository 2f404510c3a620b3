using System.Text;
using CameraCloud.Actors;
using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Storage.Redis;
using Xunit;

namespace CameraCloud.Silo.Tests.Storage.Redis;

/// <summary>The <see cref="IGrainStorage"/> contract, as the file store keeps it, against a real redis-server.</summary>
public sealed class RedisGrainStorageTests : IAsyncLifetime
{
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
    public async Task A_missing_record_reads_as_null()
    {
        Assert.Null(await _storage.ReadAsync("camera", "k", "state", default));
    }

    [Theory]
    [InlineData("""{"name":"hall","n":[1, 2,  3]}""")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    [InlineData("not json at all")]
    public async Task What_is_written_reads_back_byte_for_byte_with_its_etag(string text)
    {
        byte[] data = Encoding.UTF8.GetBytes(text);

        string etag = await _storage.WriteAsync("camera", "k", "state", data, null, default);
        StoredRecord? read = await _storage.ReadAsync("camera", "k", "state", default);

        Assert.NotNull(read);
        Assert.Equal(etag, read.Etag);
        Assert.Equal(data, read.Data.ToArray());
        Assert.Matches("^[0-9a-f]{16}$", etag);
    }

    [Fact]
    public async Task Binary_data_reads_back_byte_for_byte()
    {
        byte[] data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await _storage.WriteAsync("camera", "k", "state", data, null, default);

        Assert.Equal(data, (await _storage.ReadAsync("camera", "k", "state", default))!.Data.ToArray());
    }

    [Fact]
    public async Task A_record_is_one_hash_with_an_etag_and_data_under_the_documented_key()
    {
        string etag = await _storage.WriteAsync("camera", "hall", "state", """{"name":"Hall"}"""u8.ToArray(), null, default);

        Assert.Equal("hash", await _server.CommandAsync("TYPE", "cameracloud:grain:camera:hall:state"));
        Assert.Equal("2", await _server.CommandAsync("HLEN", "cameracloud:grain:camera:hall:state"));
        Assert.Equal(etag, await _server.CommandAsync("HGET", "cameracloud:grain:camera:hall:state", "etag"));
        Assert.Equal(etag, (await _storage.ReadAsync("camera", "hall", "state", default))!.Etag);
    }

    [Fact]
    public async Task Every_write_needs_the_current_etag_and_gets_a_new_one()
    {
        string first = await _storage.WriteAsync("camera", "k", "state", "1"u8.ToArray(), null, default);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteAsync("camera", "k", "state", "2"u8.ToArray(), null, default));
        string second = await _storage.WriteAsync("camera", "k", "state", "2"u8.ToArray(), first, default);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteAsync("camera", "k", "state", "3"u8.ToArray(), first, default));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteAsync("camera", "other", "state", "3"u8.ToArray(), second, default));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteAsync("camera", "k", "state", "3"u8.ToArray(), "", default));

        Assert.NotEqual(first, second);
        Assert.Equal("2"u8.ToArray(), (await _storage.ReadAsync("camera", "k", "state", default))!.Data.ToArray());
    }

    [Fact]
    public async Task A_conflict_names_both_etags()
    {
        string stored = await _storage.WriteAsync("camera", "k", "state", "1"u8.ToArray(), null, default);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteAsync("camera", "k", "state", "2"u8.ToArray(), "stale", default));

        Assert.Contains("expected ETag stale", error.Message, StringComparison.Ordinal);
        Assert.Contains($"stored ETag {stored}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_needs_the_current_etag_and_removes_the_key()
    {
        string etag = await _storage.WriteAsync("camera", "k", "state", "1"u8.ToArray(), null, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearAsync("camera", "k", "state", null, default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearAsync("camera", "k", "state", "stale", default));
        Assert.NotNull(await _storage.ReadAsync("camera", "k", "state", default));

        await _storage.ClearAsync("camera", "k", "state", etag, default);

        Assert.Null(await _storage.ReadAsync("camera", "k", "state", default));
        Assert.Equal("0", await _server.CommandAsync("EXISTS", "cameracloud:grain:camera:k:state"));
        await _storage.ClearAsync("camera", "k", "state", null, default);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearAsync("camera", "k", "state", etag, default));
    }

    [Fact]
    public async Task Concurrent_writers_from_two_connections_with_the_same_etag_exactly_one_wins()
    {
        using RedisConnection otherConnection = await RedisStorageFactory.ConnectAsync(_server);
        RedisGrainStorage other = RedisStorageFactory.Storage(otherConnection);
        string current = await _storage.WriteAsync("camera", "k", "state", "0"u8.ToArray(), null, default);

        for (int round = 0; round < 5; round++)
        {
            string expected = current;
            Task<string>[] writers = Enumerable.Range(1, 32)
                .Select(i => (i % 2 == 0 ? _storage : other)
                    .WriteAsync("camera", "k", "state", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), expected, default))
                .ToArray();
            try
            {
                await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (InconsistentStateException)
            {
                // Expected for all but one; counted below.
            }

            Task<string> winner = Assert.Single(writers, w => w.IsCompletedSuccessfully);
            Assert.All(writers.Where(w => w != winner), w => Assert.IsType<InconsistentStateException>(w.Exception!.InnerException));
            current = await winner;
            Assert.Equal(current, (await other.ReadAsync("camera", "k", "state", default))!.Etag);
        }
    }

    [Fact]
    public async Task A_second_connection_sees_the_records_and_their_etags()
    {
        string etag = await _storage.WriteAsync("camera", "k", "state", "1"u8.ToArray(), null, default);

        using RedisConnection afterConnection = await RedisStorageFactory.ConnectAsync(_server);
        RedisGrainStorage after = RedisStorageFactory.Storage(afterConnection);
        StoredRecord? read = await after.ReadAsync("camera", "k", "state", default);
        string next = await after.WriteAsync("camera", "k", "state", "2"u8.ToArray(), etag, default);

        Assert.Equal(etag, read!.Etag);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteAsync("camera", "k", "state", "3"u8.ToArray(), etag, default));
        Assert.Equal(next, (await _storage.ReadAsync("camera", "k", "state", default))!.Etag);
    }

    [Fact]
    public async Task Oversized_state_is_refused_before_anything_is_written()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => _storage.WriteAsync("camera", "k", "state", new byte[RedisGrainStorage.MaxDataBytes + 1], null, default));

        Assert.Equal("0", await _server.CommandAsync("EXISTS", "cameracloud:grain:camera:k:state"));
    }

    [Fact]
    public async Task A_cancelled_call_fails_with_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _storage.ReadAsync("camera", "k", "state", cancel.Token));
    }
}
