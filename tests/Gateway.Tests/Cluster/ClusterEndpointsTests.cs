using System.Net;
using System.Text.Json;
using CameraCloud.Cluster;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>/api/cluster on a real gateway node: the live nodes and which node holds a device.</summary>
public sealed class ClusterEndpointsTests : IAsyncLifetime
{
    private const string SelfId = "node-self";
    private GatewayNode _node = null!;

    public async Task InitializeAsync() => _node = await GatewayNode.StartAsync(SelfId);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Nodes_lists_this_node_first_then_the_others_by_id()
    {
        _node.Membership.AddLive("node-c", new Uri("http://10.0.0.3:8080/"));
        _node.Membership.AddLive("node-a", new Uri("http://10.0.0.1:8080/"));

        var (status, view) = await GetAsync("/api/cluster/nodes");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(SelfId, view.GetProperty("self").GetString());
        var nodes = view.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal([SelfId, "node-a", "node-c"], nodes.Select(n => n.GetProperty("nodeId").GetString()));
        Assert.Equal("http://10.0.0.1:8080/", nodes[1].GetProperty("internalAddress").GetString());
    }

    [Fact]
    public async Task An_unknown_kind_is_a_400()
    {
        var (status, problem) = await GetAsync("/api/cluster/owners/printer/0800c00128f8");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Invalid request", problem.GetProperty("title").GetString());
        Assert.Equal("kind is 'camera' or 'agent'.", problem.GetProperty("detail").GetString());
        Assert.Equal(0, _node.Directory.Lookups);
    }

    [Theory]
    [InlineData("camera", "0800-c001", "Invalid camera id")]
    [InlineData("agent", "agent.1", "Invalid agent id")]
    public async Task A_bad_id_is_a_400_and_not_looked_up(string kind, string id, string title)
    {
        var (status, problem) = await GetAsync($"/api/cluster/owners/{kind}/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(0, _node.Directory.Lookups);
    }

    [Fact]
    public async Task A_device_no_node_holds_is_a_404()
    {
        var (status, problem) = await GetAsync("/api/cluster/owners/agent/agent-1");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No node holds the device", problem.GetProperty("title").GetString());
        Assert.Contains("agent/agent-1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_on_a_live_node_is_named_with_its_epoch()
    {
        _node.SetRemoteOwner(DeviceKey.Camera("0800c00128f8"), "node-b", new Uri("http://10.0.0.2:8080/"));
        _node.Directory.SetOwner(DeviceKey.Camera("0800c00128f8"), "node-b", epoch: 7);

        // Camera ids are case-insensitive: the upper-case spelling finds the same device.
        var (status, owner) = await GetAsync("/api/cluster/owners/camera/0800C00128F8");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("camera/0800c00128f8", owner.GetProperty("device").GetString());
        Assert.Equal("node-b", owner.GetProperty("nodeId").GetString());
        Assert.Equal(7, owner.GetProperty("epoch").GetInt64());
        Assert.True(owner.GetProperty("nodeLive").GetBoolean());
    }

    [Fact]
    public async Task A_device_held_here_is_on_a_live_node()
    {
        _node.Directory.SetOwner(DeviceKey.Agent("agent-1"), SelfId);

        var (_, owner) = await GetAsync("/api/cluster/owners/agent/agent-1");

        Assert.Equal(SelfId, owner.GetProperty("nodeId").GetString());
        Assert.True(owner.GetProperty("nodeLive").GetBoolean());
    }

    [Fact]
    public async Task An_owner_on_a_dead_node_is_named_with_nodeLive_false()
    {
        _node.Directory.SetOwner(DeviceKey.Agent("agent-1"), "node-dead", epoch: 3);

        var (status, owner) = await GetAsync("/api/cluster/owners/agent/agent-1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("node-dead", owner.GetProperty("nodeId").GetString());
        Assert.False(owner.GetProperty("nodeLive").GetBoolean());
    }

    [Fact]
    public async Task With_the_directory_down_it_is_a_503()
    {
        _node.Directory.Unavailable = true;

        var (status, problem) = await GetAsync("/api/cluster/owners/camera/0800c00128f8");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Device directory unavailable", problem.GetProperty("title").GetString());
        Assert.Contains("the test's store is down", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var client = _node.CreateClient();
        using var cancel = TestWait.Token();
        using var response = await client.GetAsync(path, cancel.Token);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel.Token)).RootElement.Clone();
        return (response.StatusCode, body);
    }
}
