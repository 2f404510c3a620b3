using System.Net;
using System.Net.Sockets;
using CameraCloud.Silo.Storage.Redis;
using CameraCloud.V720.Simulator;
using Xunit;

namespace CameraCloud.Silo.Tests.Storage.Redis;

/// <summary>An unreachable server at start, a server that goes away and comes back.</summary>
public sealed class RedisConnectionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_unreachable_server_fails_the_connect_naming_the_key_and_the_endpoint_without_the_password()
    {
        int port = LoopbackPorts.Tcp();
        using RedisConnection connection = RedisStorageFactory.Create($"127.0.0.1:{port},password=s3cret-pw,abortConnect=false");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ConnectAsync(default).WaitAsync(Bound));

        Assert.StartsWith($"Storage:Redis '127.0.0.1:{port}' is unreachable: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_fails_the_connect_within_the_connect_timeout()
    {
        // The kernel completes the TCP handshake from the listen backlog; nothing ever reads or answers.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            int port = ((IPEndPoint)silent.LocalEndpoint).Port;
            using RedisConnection connection = RedisStorageFactory.Create($"127.0.0.1:{port},connectTimeout=1000");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ConnectAsync(default).WaitAsync(Bound));

            Assert.StartsWith($"Storage:Redis '127.0.0.1:{port}' is unreachable: ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task Writes_fail_while_the_server_is_down_and_succeed_once_it_is_back_on_the_same_port()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        using RedisConnection connection = await RedisStorageFactory.ConnectAsync(server);
        RedisGrainStorage storage = RedisStorageFactory.Storage(connection);
        string etag = await storage.WriteAsync("camera", "k", "state", "1"u8.ToArray(), null, default);

        await server.StopAsync();
        var down = await Assert.ThrowsAsync<IOException>(
            () => storage.WriteAsync("camera", "k", "state", "2"u8.ToArray(), etag, default).WaitAsync(Bound));
        Assert.Contains($"Redis grain storage on {server.EndPoint} could not write 'cameracloud:grain:camera:k:state'", down.Message, StringComparison.Ordinal);

        // Nothing was persisted, so the restarted server is empty; a fresh record must be writable.
        await server.StartAgainAsync();
        string again = await WriteWhenReconnectedAsync(storage);

        Assert.Equal(again, (await storage.ReadAsync("camera", "k", "state", default).WaitAsync(Bound))!.Etag);
    }

    // The multiplexer reconnects on its own schedule, and tells no one we could await: retry, bounded.
    private static async Task<string> WriteWhenReconnectedAsync(RedisGrainStorage storage)
    {
        using var deadline = new CancellationTokenSource(Bound);
        while (true)
        {
            try
            {
                return await storage.WriteAsync("camera", "k", "state", "3"u8.ToArray(), null, deadline.Token);
            }
            catch (IOException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
    }
}
