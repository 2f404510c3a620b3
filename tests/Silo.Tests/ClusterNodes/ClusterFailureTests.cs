using System.Net;
using System.Text.Json;
using CameraCloud.Silo.Tests.Agents;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.RealPeers;
using CameraCloud.V720.Simulator;
using static CameraCloud.Silo.Tests.ClusterNodes.ClusterServingTests;
using static CameraCloud.Silo.Tests.ClusterNodes.TestCluster;

namespace CameraCloud.Silo.Tests.ClusterNodes;

/// <summary>What a cluster does when a part of it fails: real node processes, a real redis-server.</summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class ClusterFailureTests
{
    [Fact]
    public async Task A_killed_node_s_camera_and_agent_reconnect_to_another_node_and_are_served_there()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await using var echo = new EchoServer();
        cluster.RouteDevicesTo(a);
        await using var camera = await SimulatedCamera.StartAsync(cluster.CameraOptions("0800c0dead01"), Within(30));
        var (agentId, token, port) = await ProvisionAsync(b, "agent-survivor", echo.EndPoint.Port);
        await using var agent = AgentProcess.Start(cluster.GatewayBalancer.HttpUri, agentId, token, $"echo=127.0.0.1:{echo.EndPoint.Port}");
        await cluster.WaitOwnerAsync("camera", camera.DeviceId, n => n == a, Within(30));
        await cluster.WaitOwnerAsync("agent", agentId, n => n == a, Within(60));
        using (var rename = await c.Client.PatchAsJsonAsync($"api/cameras/{camera.DeviceId}", new { name = "gate" }, Within(10)))
        {
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        }

        // The pod dies; its Service endpoint goes with it.
        a.Kill();
        cluster.RouteDevicesTo(a, b, c);

        var cameraOwner = await cluster.WaitOwnerAsync("camera", camera.DeviceId, n => n != a, Within(60));
        var agentOwner = await cluster.WaitOwnerAsync("agent", agentId, n => n != a, Within(60));
        foreach (var node in new[] { b, c })
        {
            var info = await node.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{camera.DeviceId}", Within(10));
            Assert.True(info.GetProperty("online").GetBoolean(), cluster.Logs);
            Assert.Equal("gate", info.GetProperty("name").GetString());
            await using var mjpeg = await MjpegViewer.OpenAsync(node.Client, camera.DeviceId, Within(30));
            Assert.NotNull(FrameSeq((await mjpeg.ReadPartAsync(Within(30))).Body, camera.DeviceId));

            using var agentInfo = await node.Client.GetAsync($"api/agents/{agentId}", Within(10));
            Assert.Equal(agentOwner.NodeId, ServedBy(agentInfo));
            var agentJson = await agentInfo.Content.ReadFromJsonAsync<JsonElement>(Within(10));
            Assert.True(agentJson.GetProperty("online").GetBoolean());
            Assert.Equal(port, agentJson.GetProperty("targets")[0].GetProperty("gatewayPort").GetInt32());
            Assert.Equal("after the failover", await EchoThroughAsync(node.Address, port, "after the failover", Within(30)));
        }
        Assert.NotSame(a, cameraOwner);

        // The registry lost nothing: both lists hold the device, read through the surviving nodes. A camera whose
        // node died before writing it to the index is added again by the node it reconnected to, written behind
        // within a second, so another node lists it within that second: polled, since it is another process.
        await PollAsync(async () => (await b.Client.GetFromJsonAsync<JsonElement>("api/cameras", Within(10))).GetProperty("items")
            .EnumerateArray().Any(i => i.GetProperty("id").GetString() == camera.DeviceId), "node b to list the camera", Within(30));
        await PollAsync(async () => (await c.Client.GetFromJsonAsync<JsonElement>("api/agents", Within(10))).GetProperty("items")
            .EnumerateArray().Any(i => i.GetProperty("id").GetString() == agentId), "node c to list the agent", Within(30));
    }

    [Fact]
    public async Task Through_a_redis_restart_live_streams_keep_flowing_and_state_writes_recover()
    {
        await using var cluster = await TestCluster.StartAsync(2, persistentRedis: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        cluster.RouteDevicesTo(a);
        await using var camera = await SimulatedCamera.StartAsync(cluster.CameraOptions("0800c0feed01"), Within(30));
        await cluster.WaitOwnerAsync("camera", camera.DeviceId, n => n == a, Within(30));
        // Watched through the node that does not hold it: the forwarded stream crosses both nodes.
        await using var mjpeg = await MjpegViewer.OpenAsync(b.Client, camera.DeviceId, Within(30));
        var before = FrameSeq((await mjpeg.ReadPartAsync(Within(30))).Body, camera.DeviceId)!.Value;

        await cluster.Redis.StopAsync();
        // Frames keep coming while Redis is away: ten more, newer ones.
        var during = FrameSeq((await mjpeg.ReadPartsAsync(10, Within(30)))[^1].Body, camera.DeviceId)!.Value;
        Assert.True(during > before);
        using (var refused = await b.Client.PatchAsJsonAsync($"api/cameras/{camera.DeviceId}", new { name = "during" }, Within(30)))
        {
            Assert.False(refused.IsSuccessStatusCode, "a state write cannot succeed without its store");
        }

        await cluster.Redis.StartAgainAsync();
        var after = FrameSeq((await mjpeg.ReadPartsAsync(10, Within(30)))[^1].Body, camera.DeviceId)!.Value;
        Assert.True(after > during);
        // Writes recover once the nodes' connections are back.
        await PollAsync(async () =>
        {
            using var rename = await b.Client.PatchAsJsonAsync($"api/cameras/{camera.DeviceId}", new { name = "after" }, Within(10));
            return rename.StatusCode == HttpStatusCode.OK;
        }, "a rename to succeed after Redis is back", Within(60));
        var info = await a.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{camera.DeviceId}", Within(10));
        Assert.Equal("after", info.GetProperty("name").GetString());
        Assert.True(info.GetProperty("online").GetBoolean());
        Assert.Same(a, await cluster.WaitOwnerAsync("camera", camera.DeviceId, _ => true, Within(30)));
    }

    [Fact]
    public async Task A_node_that_cannot_reach_redis_at_start_exits_with_an_error_naming_it()
    {
        var ports = ClusterPorts.Pick();
        var closed = LoopbackPorts.Tcp();
        await using var node = NodeProcess.Launch(0, ports, NodeProcess.Arguments(0, ports, $"127.0.0.1:{closed},connectTimeout=1000"));
        var exitCode = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, exitCode);
        Assert.Contains($"CameraCloud could not start: Storage:Redis '127.0.0.1:{closed}' is unreachable", node.Output);
    }

    [Fact]
    public async Task A_camera_flapping_between_two_nodes_ends_owned_by_exactly_one()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        const string id = "0800c0f1a900";
        // The same camera reaching each node directly, as a camera behind a flapping NAT or DNS would.
        SimulatedCameraOptions Direct(NodeProcess node) => new()
        {
            ServerHost = node.Address,
            HttpPort = cluster.Ports.V720Http,
            DeviceId = id,
            Seed = 3,
            WaitTimeout = TimeSpan.FromSeconds(30),
        };
        await using var viaA = await SimulatedCamera.StartAsync(Direct(a), Within(30));
        await using var viaB = await SimulatedCamera.StartAsync(Direct(b), Within(30));
        for (var round = 0; round < 4; round++)
        {
            // The older connection is left open (half-dead NAT mappings do that), so only fencing can end it.
            await viaA.ReconnectAsync(lingerOldConnection: true, Within(30));
            await viaB.ReconnectAsync(lingerOldConnection: true, Within(30));
        }

        // viaB connected last: node b owns it, node a has let every connection of it go.
        Assert.Same(b, await cluster.WaitOwnerAsync("camera", id, _ => true, Within(30)));
        await PollAsync(async () => !(await LocalViewAsync(a, $"api/cameras/{id}", Within(10))).GetProperty("online").GetBoolean(),
            "node a to hold no session of the camera", Within(30));
        Assert.True((await LocalViewAsync(b, $"api/cameras/{id}", Within(10))).GetProperty("online").GetBoolean());
    }
}
