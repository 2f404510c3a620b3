using System.Net.Sockets;
using System.Text;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>
/// A good upgrade at the owner's stream endpoint: 101, then the client's bytes reach the agent's stream and the
/// agent's reach the client. The agent's stream is one end of a real loopback TCP connection; the test is the other.
/// </summary>
public sealed class InternalStreamSpliceTests : IAsyncLifetime
{
    private NetworkStream _agentSide = null!;
    private NetworkStream _targetSide = null!;
    private ScriptedAgentStreams _agents = null!;
    private GatewayNode _node = null!;

    public async Task InitializeAsync()
    {
        using var cancel = TestWait.Token();
        (_agentSide, _targetSide) = await LoopbackTcp.PairAsync(cancel.Token);
        _agents = new ScriptedAgentStreams((_, _) => _agentSide);
        _node = await GatewayNode.StartAsync("node-owner", agents: _agents);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _targetSide.DisposeAsync();
        await _agentSide.DisposeAsync();
    }

    [Fact]
    public async Task A_good_upgrade_is_a_101_then_bytes_both_ways()
    {
        using var cancel = TestWait.Token();
        await using var client = await UpgradeAsync(cancel.Token);

        await client.SendAsync("OPTIONS rtsp://camera/ RTSP/1.0\r\n", cancel.Token);
        Assert.Equal("OPTIONS rtsp://camera/ RTSP/1.0\r\n", await ReadAsync(_targetSide, 33, cancel.Token));
        await _targetSide.WriteAsync("RTSP/1.0 200 OK\r\n"u8.ToArray(), cancel.Token);
        Assert.Equal("RTSP/1.0 200 OK\r\n", await ReadAsync(client.Stream, 17, cancel.Token));

        Assert.Equal([("agent-1", "rtsp", InternalStreamRequest.Client)], _agents.Opened);
    }

    [Fact]
    public async Task The_end_of_the_clients_bytes_ends_the_agents_stream()
    {
        using var cancel = TestWait.Token();
        await using var client = await UpgradeAsync(cancel.Token);
        await client.SendAsync("last words", cancel.Token);
        Assert.Equal("last words", await ReadAsync(_targetSide, 10, cancel.Token));

        client.Stream.Socket.Shutdown(SocketShutdown.Send);

        Assert.Equal("", await ReadToEndAsync(_targetSide, cancel.Token));
    }

    [Fact]
    public async Task A_client_that_leaves_releases_the_agents_stream()
    {
        using var cancel = TestWait.Token();
        await using (var client = await UpgradeAsync(cancel.Token))
        {
            await client.SendAsync("bye", cancel.Token);
            Assert.Equal("bye", await ReadAsync(_targetSide, 3, cancel.Token));
        }

        // Ended cleanly or reset: the agent's stream must not stay open for a client that is gone.
        try
        {
            Assert.Equal(0, await _targetSide.ReadAsync(new byte[16], cancel.Token));
        }
        catch (IOException)
        {
        }
    }

    private async Task<RawHttpClient> UpgradeAsync(CancellationToken cancellationToken)
    {
        var client = await RawHttpClient.ConnectAsync(_node.Port, cancellationToken);
        await client.SendAsync(InternalStreamRequest.Head("agent-1", "rtsp"), cancellationToken);
        var head = await client.ReadHeadAsync(cancellationToken);
        Assert.Equal(101, head.Status);
        return client;
    }

    private static async Task<string> ReadAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return Encoding.ASCII.GetString(buffer);
    }

    private static async Task<string> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return Encoding.ASCII.GetString(copy.ToArray());
    }
}
