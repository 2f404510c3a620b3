using System.Net.Sockets;
using System.Text;
using CameraCloud.Tunnel.Tests.Infrastructure;

namespace CameraCloud.Tunnel.Tests;

/// <summary>The splice between two real TCP connections: client ⇄ (a | b) ⇄ server.</summary>
public class StreamSpliceTests
{
    [Fact]
    public async Task Bytes_flow_both_ways_and_half_closes_cross_over()
    {
        var (client, a) = await TcpPair.CreateStreamsAsync();
        var (b, service) = await TcpPair.CreateStreamsAsync();
        await using var _1 = client;
        await using var _2 = service;
        var ct = Timeouts.Token();

        var splice = StreamSplice.RunAsync(a, b, ct);
        await client.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray(), ct);
        client.Socket.Shutdown(SocketShutdown.Send);

        // The service sees the request and the end of it, while the splice still runs the other way.
        Assert.Equal("GET / HTTP/1.0\r\n\r\n", Encoding.ASCII.GetString(await ReadToEndAsync(service, ct)));
        Assert.False(splice.IsCompleted);
        await service.WriteAsync("HTTP/1.0 200 OK\r\n\r\nhello"u8.ToArray(), ct);
        service.Socket.Shutdown(SocketShutdown.Send);

        Assert.Equal("HTTP/1.0 200 OK\r\n\r\nhello", Encoding.ASCII.GetString(await ReadToEndAsync(client, ct)));
        Assert.Equal((18L, 24L), await splice.WaitAsync(Timeouts.Default));
    }

    [Fact]
    public async Task A_failure_on_one_side_ends_both_directions_and_is_rethrown()
    {
        var (client, a) = await TcpPair.CreateStreamsAsync();
        var (b, service) = await TcpPair.CreateStreamsAsync();
        await using var _1 = client;
        await using var _2 = service;
        var ct = Timeouts.Token();

        var splice = StreamSplice.RunAsync(a, b, ct);
        await client.WriteAsync("x"u8.ToArray(), ct);
        Assert.Equal((byte)'x', (byte)service.ReadByte());
        // An abortive close: the service side's connection is reset, not closed.
        service.Socket.LingerState = new LingerOption(true, 0);
        service.Socket.Close();

        await Assert.ThrowsAnyAsync<IOException>(() => splice.WaitAsync(Timeouts.Default));
        // The client's connection was closed by the splice, though the client had not closed it.
        Assert.Empty(await ReadToEndOrResetAsync(client, ct));
    }

    [Fact]
    public async Task Cancellation_ends_the_splice()
    {
        var (client, a) = await TcpPair.CreateStreamsAsync();
        var (b, service) = await TcpPair.CreateStreamsAsync();
        await using var _1 = client;
        await using var _2 = service;
        using var cancel = new CancellationTokenSource();

        var splice = StreamSplice.RunAsync(a, b, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => splice.WaitAsync(Timeouts.Default));
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken ct)
    {
        using var all = new MemoryStream();
        await stream.CopyToAsync(all, ct);
        return all.ToArray();
    }

    private static async Task<byte[]> ReadToEndOrResetAsync(Stream stream, CancellationToken ct)
    {
        try
        {
            return await ReadToEndAsync(stream, ct);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
