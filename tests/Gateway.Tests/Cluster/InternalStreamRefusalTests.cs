using CameraCloud.Agents;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>The owner's node-to-node stream endpoint saying why not, before any upgrade, with a reason the caller can read.</summary>
public sealed class InternalStreamRefusalTests
{
    private const string AgentId = "agent-1";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcdeX")] // the right length, the last character wrong
    [InlineData("0123456789ABCDEF0123456789ABCDEF")] // the right key in the wrong case
    [InlineData("0123456789abcdef")] // a prefix of the right key
    [InlineData("0123456789abcdef0123456789abcdef0")] // the right key and one more character
    public async Task A_wrong_or_missing_cluster_key_is_a_401_and_no_agent_is_asked(string? key)
    {
        var (status, reason, agents) = await RequestAsync(InternalStreamRequest.Head(AgentId, "rtsp", key));

        Assert.Equal(401, status);
        Assert.Equal("wrong or missing cluster key", reason);
        Assert.Empty(agents.Opened);
    }

    [Fact]
    public async Task A_node_without_a_key_accepts_no_request_without_one()
    {
        var (status, _, agents) = await RequestAsync(InternalStreamRequest.Head(AgentId, "rtsp", key: null), internalKey: "");

        Assert.Equal(401, status);
        Assert.Empty(agents.Opened);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("websocket")]
    public async Task A_request_that_is_not_a_stream_upgrade_is_a_426(string? upgrade)
    {
        var (status, reason, agents) = await RequestAsync(InternalStreamRequest.Head(AgentId, "rtsp", upgrade: upgrade));

        Assert.Equal(426, status);
        Assert.Equal("send Upgrade: cameracloud-stream", reason);
        Assert.Empty(agents.Opened);
    }

    [Theory]
    [InlineData("agent.1")]
    [InlineData("agent%201")]
    [InlineData("a123456789a123456789a123456789a123456789a123456789a123456789a1234")] // 65 characters
    public async Task An_invalid_agent_id_is_a_400_and_no_agent_is_asked(string id)
    {
        var (status, reason, agents) = await RequestAsync(InternalStreamRequest.Head(id, "rtsp"));

        Assert.Equal(400, status);
        Assert.Equal(CameraCloud.Agents.AgentId.Rule, reason);
        Assert.Empty(agents.Opened);
    }

    [Fact]
    public async Task An_agent_not_connected_here_is_a_404()
    {
        var (status, reason, agents) = await RequestAsync(InternalStreamRequest.Head(AgentId, "rtsp"));

        Assert.Equal(404, status);
        Assert.Equal("the agent is not connected to this node", reason);
        Assert.Equal([(AgentId, "rtsp", InternalStreamRequest.Client)], agents.Opened);
    }

    [Fact]
    public async Task An_agent_that_refuses_the_stream_is_a_502_with_its_reason()
    {
        var agents = new ScriptedAgentStreams((id, target) => throw new AgentStreamRefusedException(id, target, 3, "unknown target"));

        var (status, reason, _) = await RequestAsync(InternalStreamRequest.Head(AgentId, "http"), agents);

        Assert.Equal(502, status);
        Assert.Equal("Agent 'agent-1' could not open 'http': unknown target (code 3).", reason);
    }

    private static async Task<(int Status, string Reason, ScriptedAgentStreams Agents)> RequestAsync(
        string head, ScriptedAgentStreams? agents = null, string internalKey = InTestMembership.DefaultKey)
    {
        agents ??= new ScriptedAgentStreams();
        await using var node = await GatewayNode.StartAsync("node-owner", agents: agents, internalKey: internalKey);
        using var cancel = TestWait.Token();
        await using var client = await RawHttpClient.ConnectAsync(node.Port, cancel.Token);

        await client.SendAsync(head, cancel.Token);
        var response = await client.ReadHeadAsync(cancel.Token);

        Assert.NotNull(response.ContentLength);
        return (response.Status, await client.ReadBodyAsync(response.ContentLength.Value, cancel.Token), agents);
    }
}
