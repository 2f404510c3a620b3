using CameraCloud.Cluster;
using CameraCloud.Silo.Cluster;
using CameraCloud.Silo.Cluster.Redis;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage.Redis;
using CameraCloud.TestSupport;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>Nodes finding each other through Redis, and losing each other by expiry or by leaving.</summary>
public sealed class RedisMembershipTests : IAsyncLifetime
{
    private RedisServer _server = null!;
    private RedisClusterNode _a = null!;
    private RedisClusterNode _b = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _a = await RedisClusterNode.StartAsync(_server, "node-a", o => o.Roles = [ClusterRoles.Gateway]);
        _b = await RedisClusterNode.StartAsync(_server, "node-b");
        await _a.Membership.JoinAsync(default);
        await _b.Membership.JoinAsync(default);
    }

    public async Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Two_nodes_see_each_other_with_their_addresses_and_roles_and_share_the_internal_key()
    {
        Assert.True(await _a.Membership.HeartbeatAsync(default));
        Assert.True(await _b.Membership.HeartbeatAsync(default));
        Assert.True(await _a.Membership.HeartbeatAsync(default));

        foreach (RedisClusterNode node in new[] { _a, _b })
        {
            Assert.Equal(["node-a", "node-b"], node.Membership.LiveNodes.Select(n => n.NodeId));
            Assert.Equal(new Uri("http://node-b.test:8080/"), node.Membership.FindLive("node-b")!.InternalAddress);
            Assert.Equal([ClusterRoles.Gateway], node.Membership.FindLive("node-a")!.Roles);
            Assert.Equal(ClusterRoles.All, node.Membership.FindLive("node-b")!.Roles);
            Assert.Null(node.Membership.FindLive("node-c"));
        }

        Assert.Equal(_a.Membership.InternalKey, _b.Membership.InternalKey);
        Assert.Matches("^[0-9a-f]{64}$", _a.Membership.InternalKey);
        Assert.Equal(_a.Membership.InternalKey, await _server.CommandAsync("GET", "cameracloud:cluster:key"));
        Assert.Equal(_a.Node.StartedAt, _b.Membership.FindLive("node-a")!.StartedAt);
        Assert.Equal("node-a", _a.Membership.Self.NodeId);
        Assert.Single(_a.MembershipLog.Messages("ClusterNodeJoined"), m => m.Contains("node-b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_advertisement_is_json_under_the_node_key_with_the_node_expiry_and_the_node_is_in_the_set()
    {
        await _b.Membership.HeartbeatAsync(default);

        string json = await _server.CommandAsync("GET", "cameracloud:node:node-b");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("node-b", document.RootElement.GetProperty("nodeId").GetString());
        Assert.Equal("http://node-b.test:8080/", document.RootElement.GetProperty("internalAddress").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("roles").GetArrayLength());
        Assert.True(document.RootElement.TryGetProperty("startedAt", out _));
        Assert.InRange(long.Parse(await _server.CommandAsync("PTTL", "cameracloud:node:node-b"), System.Globalization.CultureInfo.InvariantCulture), 1, 10_000);
        Assert.Equal("node-b", await _server.CommandAsync("SMEMBERS", "cameracloud:nodes"));
    }

    [Fact]
    public async Task A_node_whose_heartbeats_stop_drops_out_of_the_others_view_after_its_expiry()
    {
        // Short enough that the test waits for the expiry, not long.
        using RedisClusterNode brief = await RedisClusterNode.StartAsync(_server, "node-brief", o =>
        {
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(300);
            o.NodeExpiry = TimeSpan.FromSeconds(1);
        });
        await brief.Membership.JoinAsync(default);
        await brief.Membership.HeartbeatAsync(default);
        await _a.Membership.HeartbeatAsync(default);
        Assert.Contains("node-brief", Assert.Single(_a.MembershipLog.Messages("ClusterNodeJoined")), StringComparison.Ordinal);

        // Its heartbeats stop; A's rounds go on until Redis has expired its key (Redis' clock decides).
        await Wait.For(RedisDirectoryLeaseTests.UntilAsync(async () =>
        {
            Assert.True(await _a.Membership.HeartbeatAsync(default));
            return _a.Membership.FindLive("node-brief") is null;
        }));

        Assert.Equal(["node-a"], _a.Membership.LiveNodes.Select(n => n.NodeId));
        Assert.Equal("node-a", await _server.CommandAsync("SMEMBERS", "cameracloud:nodes"));
        Assert.Contains("node-brief", Assert.Single(_a.MembershipLog.Messages("ClusterNodeExpired")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_leaves_drops_out_at_the_others_next_round()
    {
        await _b.Membership.HeartbeatAsync(default);
        await _a.Membership.HeartbeatAsync(default);

        await _b.Membership.LeaveAsync(default);
        await _a.Membership.HeartbeatAsync(default);

        Assert.Null(_a.Membership.FindLive("node-b"));
        Assert.Equal("0", await _server.CommandAsync("EXISTS", "cameracloud:node:node-b"));
        Assert.Contains("node-b", Assert.Single(_a.MembershipLog.Messages("ClusterNodeLeft")), StringComparison.Ordinal);
        Assert.Empty(_a.MembershipLog.Messages("ClusterNodeExpired"));
    }

    [Theory]
    [InlineData("{not json", "not a node advertisement")]
    [InlineData("null", "it is null")]
    [InlineData("""{"nodeId":"node-x","internalAddress":"http://x:1/","roles":[],"startedAt":"2025-01-01T00:00:00Z","heartbeatAt":"2025-01-01T00:00:00Z"}""", "names node 'node-x'")]
    [InlineData("""{"nodeId":"bad","internalAddress":"/relative","roles":[],"startedAt":"2025-01-01T00:00:00Z","heartbeatAt":"2025-01-01T00:00:00Z"}""", "not an absolute http URL")]
    [InlineData("""{"nodeId":"bad","internalAddress":"http://x:1/","startedAt":"2025-01-01T00:00:00Z","heartbeatAt":"2025-01-01T00:00:00Z"}""", "not a node advertisement")]
    [InlineData("""{"nodeId":"bad","internalAddress":"http://x:1/","roles":null,"startedAt":"2025-01-01T00:00:00Z","heartbeatAt":"2025-01-01T00:00:00Z"}""", "not a node advertisement")]
    [InlineData("""{"nodeId":"bad","internalAddress":"http://x:1/","roles":[],"startedAt":"yesterday","heartbeatAt":"2025-01-01T00:00:00Z"}""", "not a node advertisement")]
    public async Task An_advertisement_that_does_not_read_is_reported_once_and_the_node_counts_as_absent(string json, string problem)
    {
        await _server.CommandAsync("SET", "cameracloud:node:bad", json);
        await _server.CommandAsync("SADD", "cameracloud:nodes", "bad");

        Assert.True(await _a.Membership.HeartbeatAsync(default));
        Assert.True(await _a.Membership.HeartbeatAsync(default));

        Assert.Null(_a.Membership.FindLive("bad"));
        Assert.Equal(["node-a"], _a.Membership.LiveNodes.Select(n => n.NodeId));
        string report = Assert.Single(_a.MembershipLog.Messages("ClusterNodeUnreadable"));
        Assert.Contains("'bad'", report, StringComparison.Ordinal);
        Assert.Contains(problem, report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_key_of_another_type_or_a_stale_id_in_the_set_does_not_stop_the_round()
    {
        await _server.CommandAsync("HSET", "cameracloud:node:hash", "nodeId", "hash");
        await _server.CommandAsync("SADD", "cameracloud:nodes", "hash", "gone");

        Assert.True(await _a.Membership.HeartbeatAsync(default));

        Assert.Equal(["node-a"], _a.Membership.LiveNodes.Select(n => n.NodeId));
        Assert.Contains("not a string but a hash", Assert.Single(_a.MembershipLog.Messages("ClusterNodeUnreadable")), StringComparison.Ordinal);
        Assert.DoesNotContain("gone", await _server.CommandAsync("SMEMBERS", "cameracloud:nodes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_redis_is_down_heartbeats_fail_quietly_and_the_others_drop_out_after_the_expiry_by_this_nodes_clock()
    {
        var time = new ManualTimeProvider();
        using RedisClusterNode c = await RedisClusterNode.StartAsync(_server, "node-c", configure: null, time);
        await c.Membership.JoinAsync(default);
        await _b.Membership.HeartbeatAsync(default);
        Assert.True(await c.Membership.HeartbeatAsync(default));
        Assert.NotNull(c.Membership.FindLive("node-b"));

        await _server.StopAsync();
        Assert.False(await c.Membership.HeartbeatAsync(default).WaitAsync(Wait.Timeout));
        Assert.NotNull(c.Membership.FindLive("node-b"));
        time.Advance(c.Options.NodeExpiry);
        Assert.False(await c.Membership.HeartbeatAsync(default).WaitAsync(Wait.Timeout));

        Assert.Null(c.Membership.FindLive("node-b"));
        Assert.Equal(["node-c"], c.Membership.LiveNodes.Select(n => n.NodeId));
        Assert.Single(c.MembershipLog.Messages("ClusterHeartbeatFailing"));
        Assert.Single(c.MembershipLog.Messages("ClusterNodeExpired"));
    }

    [Fact]
    public async Task After_redis_lost_its_data_every_node_ends_up_with_the_same_internal_key_again()
    {
        string before = _a.Membership.InternalKey;
        await _server.StopAsync();
        await _server.StartAgainAsync();
        using RedisClusterNode late = await RedisClusterNode.StartAsync(_server, "node-late");

        await late.Membership.JoinAsync(default);
        await Wait.For(RedisDirectoryLeaseTests.UntilAsync(() => _a.Membership.HeartbeatAsync(default)));

        Assert.NotEqual(before, late.Membership.InternalKey);
        Assert.Equal(late.Membership.InternalKey, _a.Membership.InternalKey);
        Assert.Single(_a.MembershipLog.Messages("ClusterKeyReplaced"));
    }
}
