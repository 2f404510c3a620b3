using System.Text;
using CameraCloud.Agents;
using CameraCloud.Gateway.Cluster;
using Microsoft.Extensions.Options;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>The two halves of a cross-node agent stream together: the connector of one node against the real endpoint of the owner.</summary>
public sealed class InternalStreamThroughConnectorTests
{
    private const string AgentId = "agent-1";
    private const string Client = "198.51.100.4:50123";

    private readonly RemoteAgentStreamConnector _connector = new(Options.Create(new ForwardingOptions()));

    [Fact]
    public async Task Bytes_flow_both_ways_between_the_connector_and_the_agents_stream()
    {
        using var cancel = TestWait.Token();
        var (agentSide, targetSide) = await LoopbackTcp.PairAsync(cancel.Token);
        await using var target = targetSide;
        await using var owner = await GatewayNode.StartAsync("node-owner", agents: new ScriptedAgentStreams((_, _) => agentSide));

        await using var stream = await _connector.OpenAsync(owner.Membership.Self with { InternalAddress = owner.Address },
            InTestMembership.DefaultKey, AgentId, "rtsp", Client, cancel.Token);

        await target.WriteAsync("RTSP/1.0 200 OK\r\n"u8.ToArray(), cancel.Token);
        Assert.Equal("RTSP/1.0 200 OK\r\n", await ReadAsync(stream, 17, cancel.Token));
        await stream.WriteAsync("PLAY"u8.ToArray(), cancel.Token);
        Assert.Equal("PLAY", await ReadAsync(target, 4, cancel.Token));
    }

    [Fact]
    public async Task The_agents_refusal_reaches_the_connector_with_its_reason()
    {
        await using var owner = await GatewayNode.StartAsync("node-owner",
            agents: new ScriptedAgentStreams((id, target) => throw new AgentStreamRefusedException(id, target, 3, "unknown target")));
        using var cancel = TestWait.Token();

        var error = await Assert.ThrowsAsync<AgentStreamRefusedException>(() => _connector.OpenAsync(
            owner.Membership.Self with { InternalAddress = owner.Address }, InTestMembership.DefaultKey, AgentId, "http", Client, cancel.Token));

        Assert.Contains("unknown target (code 3)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InTestMembership.DefaultKey)] // the owner does not hold the agent: 404
    [InlineData("not-the-cluster-key")] // 401
    public async Task An_owner_that_does_not_hold_the_agent_or_the_key_means_offline(string key)
    {
        await using var owner = await GatewayNode.StartAsync("node-owner");
        using var cancel = TestWait.Token();

        await Assert.ThrowsAsync<AgentOfflineException>(() => _connector.OpenAsync(
            owner.Membership.Self with { InternalAddress = owner.Address }, key, AgentId, "rtsp", Client, cancel.Token));
    }

    private static async Task<string> ReadAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return Encoding.ASCII.GetString(buffer);
    }
}
