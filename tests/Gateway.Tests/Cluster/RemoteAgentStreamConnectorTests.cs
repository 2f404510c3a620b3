using System.Net;
using System.Text;
using CameraCloud.Agents;
using CameraCloud.Gateway.Cluster;
using Microsoft.Extensions.Options;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>
/// The connector against an owner that answers as the test scripts it: every answer maps to a stream, to
/// AgentOfflineException or to AgentStreamRefusedException, and none leaves the caller waiting.
/// </summary>
public sealed class RemoteAgentStreamConnectorTests : IDisposable
{
    private const string Key = "cluster-key";
    private const string Client = "198.51.100.4:50123";
    private const string SwitchingHead = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: cameracloud-stream\r\n\r\n";

    private readonly ScriptedOwner _owner = ScriptedOwner.Start();
    private readonly CancellationTokenSource _cancel = TestWait.Token();

    public void Dispose()
    {
        _cancel.Dispose();
        _owner.Dispose();
    }

    [Fact]
    public async Task Asks_the_owner_for_an_upgrade_with_the_cluster_key_and_the_client()
    {
        var opening = Connector().OpenAsync(_owner.Node, Key, "agent-1", "rtsp", Client, _cancel.Token);
        await using var owner = await _owner.AcceptAsync(_cancel.Token);

        var lines = owner.RequestHead.Split("\r\n");
        Assert.Equal("GET /internal/agents/agent-1/targets/rtsp/stream HTTP/1.1", lines[0]);
        Assert.Contains("Connection: Upgrade", lines);
        Assert.Contains("Upgrade: cameracloud-stream", lines);
        Assert.Contains($"CameraCloud-Internal-Key: {Key}", lines);
        Assert.Contains($"CameraCloud-Client: {Client}", lines);
        Assert.Contains($"Host: {_owner.Node.InternalAddress.Authority}", lines);
        await owner.AnswerAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", _cancel.Token);
        await Assert.ThrowsAsync<AgentOfflineException>(() => opening);
    }

    [Fact]
    public async Task A_101_hands_over_the_stream_with_the_bytes_that_came_with_the_head()
    {
        var opening = Connector().OpenAsync(_owner.Node, Key, "agent-1", "rtsp", Client, _cancel.Token);
        await using var owner = await _owner.AcceptAsync(_cancel.Token);

        await owner.AnswerAsync(SwitchingHead + "RTSP/1.0 200 OK\r\n", _cancel.Token);
        await using var stream = await opening.WaitAsync(_cancel.Token);

        var first = new byte[17];
        await stream.ReadExactlyAsync(first, _cancel.Token);
        Assert.Equal("RTSP/1.0 200 OK\r\n", Encoding.ASCII.GetString(first));
        await stream.WriteAsync("TEARDOWN"u8.ToArray(), _cancel.Token);
        var echoed = new byte[8];
        await owner.Stream.ReadExactlyAsync(echoed, _cancel.Token);
        Assert.Equal("TEARDOWN", Encoding.ASCII.GetString(echoed));
    }

    [Fact]
    public async Task A_404_means_the_agent_is_offline()
    {
        var error = await AnswerAsync<AgentOfflineException>("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 39\r\n\r\nthe agent is not connected to this node");

        Assert.Equal("agent-1", error.AgentId);
    }

    [Fact]
    public async Task A_502_is_a_refusal_with_the_owners_reason()
    {
        const string reason = "Agent 'agent-1' could not open 'rtsp': unknown target (code 3).";

        var error = await AnswerAsync<AgentStreamRefusedException>(
            $"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: {reason.Length}\r\n\r\n{reason}");

        Assert.Contains("node-scripted", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")]
    [InlineData("HTTP/1.1 500 Internal Server Error\r\n\r\n")]
    public async Task Any_other_status_means_the_agent_is_offline(string answer) =>
        await AnswerAsync<AgentOfflineException>(answer);

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.6\r\n\r\n")]
    [InlineData("HTTP/1.1 abc Switching\r\n\r\n")]
    [InlineData("HTTP/1.1 -101 Switching\r\n\r\n")]
    [InlineData("HTTP/1.1\r\n\r\n")]
    [InlineData("HTTP/2 101\r\n\r\n")]
    [InlineData("\r\n\r\n")]
    public async Task A_malformed_status_line_means_the_agent_is_offline(string answer) =>
        await AnswerAsync<AgentOfflineException>(answer);

    [Fact]
    public async Task A_head_longer_than_8_KiB_means_the_agent_is_offline() =>
        await AnswerAsync<AgentOfflineException>($"HTTP/1.1 101 Switching Protocols\r\nX-Padding: {new string('x', 9000)}\r\n\r\n");

    [Fact]
    public async Task A_connection_closed_mid_head_means_the_agent_is_offline()
    {
        var opening = Connector().OpenAsync(_owner.Node, Key, "agent-1", "rtsp", Client, _cancel.Token);
        await using (var owner = await _owner.AcceptAsync(_cancel.Token))
        {
            await owner.AnswerAsync("HTTP/1.1 101 Swi", _cancel.Token);
        }

        await Assert.ThrowsAsync<AgentOfflineException>(() => opening.WaitAsync(_cancel.Token));
    }

    [Fact]
    public async Task An_owner_that_never_answers_means_the_agent_is_offline_after_the_open_timeout()
    {
        // Never accepted: the kernel completes the connect and takes the request, and no answer ever comes.
        var opening = Connector(TimeSpan.FromMilliseconds(300)).OpenAsync(_owner.Node, Key, "agent-1", "rtsp", Client, _cancel.Token);

        await Assert.ThrowsAsync<AgentOfflineException>(() => opening.WaitAsync(_cancel.Token));
    }

    [Fact]
    public async Task A_closed_port_means_the_agent_is_offline()
    {
        var gone = InTestMembership.Node("node-gone", new Uri($"http://127.0.0.1:{LoopbackTcp.ClosedPort()}/"));

        await Assert.ThrowsAsync<AgentOfflineException>(
            () => Connector().OpenAsync(gone, Key, "agent-1", "rtsp", Client, _cancel.Token).WaitAsync(_cancel.Token));
    }

    [Fact]
    public async Task A_caller_that_gives_up_gets_its_own_cancellation()
    {
        using var giveUp = new CancellationTokenSource();
        var opening = Connector().OpenAsync(_owner.Node, Key, "agent-1", "rtsp", Client, giveUp.Token);
        await using var owner = await _owner.AcceptAsync(_cancel.Token);

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => opening.WaitAsync(_cancel.Token));
    }

    [Fact]
    public async Task An_owner_advertised_on_an_ipv6_address_is_reached()
    {
        using var owner6 = ScriptedOwner.Start(IPAddress.IPv6Loopback);
        var opening = Connector().OpenAsync(owner6.Node, Key, "agent-1", "rtsp", Client, _cancel.Token);
        await using var owner = await owner6.AcceptAsync(_cancel.Token);

        await owner.AnswerAsync(SwitchingHead, _cancel.Token);

        await using var stream = await opening.WaitAsync(_cancel.Token);
        Assert.Contains("Host: [::1]:", owner.RequestHead, StringComparison.Ordinal);
    }

    private async Task<TException> AnswerAsync<TException>(string answer) where TException : Exception
    {
        var opening = Connector().OpenAsync(_owner.Node, Key, "agent-1", "rtsp", Client, _cancel.Token);
        await using var owner = await _owner.AcceptAsync(_cancel.Token);

        await owner.AnswerAsync(answer, _cancel.Token);

        return await Assert.ThrowsAsync<TException>(() => opening.WaitAsync(_cancel.Token));
    }

    private static RemoteAgentStreamConnector Connector(TimeSpan? openTimeout = null) =>
        new(Options.Create(new ForwardingOptions { StreamOpenTimeout = openTimeout ?? TimeSpan.FromSeconds(15) }));
}
