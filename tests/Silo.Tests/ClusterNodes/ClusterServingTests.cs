using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CameraCloud.Silo.Tests.Agents;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.RealPeers;
using CameraCloud.V720.Simulator;
using static CameraCloud.Silo.Tests.ClusterNodes.TestCluster;

namespace CameraCloud.Silo.Tests.ClusterNodes;

/// <summary>
/// Three node processes with Redis on loopback: every node serves every camera and agent, whichever node the
/// device's connection reached.
/// </summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class ClusterServingTests
{
    [Fact]
    public async Task Every_node_serves_a_camera_held_by_another_node_streamed_and_answered_by_its_owner()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        cluster.RouteDevicesTo(a);
        await using var camera = await SimulatedCamera.StartAsync(cluster.CameraOptions("0800c0c10001"), Within(30));
        await camera.WaitRegisteredAsync(Within(30));
        Assert.Same(a, await cluster.WaitOwnerAsync("camera", camera.DeviceId, _ => true, Within(30)));

        foreach (var viewer in new[] { b, c })
        {
            using var info = await viewer.Client.GetAsync($"api/cameras/{camera.DeviceId}", Within(10));
            Assert.Equal(HttpStatusCode.OK, info.StatusCode);
            Assert.Equal(a.NodeId, ServedBy(info));
            Assert.True((await info.Content.ReadFromJsonAsync<JsonElement>(Within(10))).GetProperty("online").GetBoolean());

            // MJPEG through a non-owner: parts of this camera's frames, in order, while the stream lasts.
            await using (var mjpeg = await MjpegViewer.OpenAsync(viewer.Client, camera.DeviceId, Within(30)))
            {
                var parts = await mjpeg.ReadPartsAsync(5, Within(30));
                var seqs = parts.Select(p => Assert.IsType<long>(FrameSeq(p.Body, camera.DeviceId))).ToList();
                Assert.Equal(seqs.Order(), seqs);
            }

            using var snapshot = await viewer.Client.GetAsync($"api/cameras/{camera.DeviceId}/snapshot", Within(30));
            Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
            Assert.Equal("image/jpeg", snapshot.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(FrameSeq(await snapshot.Content.ReadAsByteArrayAsync(Within(10)), camera.DeviceId));

            using (var audio = await viewer.Client.GetAsync($"api/cameras/{camera.DeviceId}/audio", HttpCompletionOption.ResponseHeadersRead, Within(30)))
            {
                Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
                await using var wav = await audio.Content.ReadAsStreamAsync(Within(10));
                var riff = new byte[4];
                await wav.ReadExactlyAsync(riff, Within(30));
                Assert.Equal("RIFF"u8.ToArray(), riff);
            }
        }

        // Control goes to the camera's connection on its owner.
        using var command = await c.Client.PostAsJsonAsync($"api/cameras/{camera.DeviceId}/commands", new { command = "irLed", value = 1 }, Within(10));
        Assert.Equal(HttpStatusCode.Accepted, command.StatusCode);
        await camera.WaitUntilAsync(cam => cam.ReceivedCommands.Any(r => r.Json.Contains("\"IrLed\":1", StringComparison.Ordinal)), Within(30));

        // A write through one node is what every node reads.
        using var rename = await b.Client.PatchAsJsonAsync($"api/cameras/{camera.DeviceId}", new { name = "porch" }, Within(10));
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        foreach (var node in cluster.Nodes)
        {
            var info = await node.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{camera.DeviceId}", Within(10));
            Assert.Equal("porch", info.GetProperty("name").GetString());
        }
        // The list on a node that does not hold the camera shows the owner's live view of it.
        var list = await c.Client.GetFromJsonAsync<JsonElement>("api/cameras", Within(10));
        var listed = Assert.Single(list.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetString() == camera.DeviceId);
        Assert.True(listed.GetProperty("online").GetBoolean());
        Assert.Equal("porch", listed.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_agent_held_by_one_node_is_reachable_through_its_port_on_every_node()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await using var echo = new EchoServer();
        cluster.RouteDevicesTo(b);
        var (id, token, port) = await ProvisionAsync(c, "agent-spread", echo.EndPoint.Port);
        await using var agent = AgentProcess.Start(cluster.GatewayBalancer.HttpUri, id, token, $"echo=127.0.0.1:{echo.EndPoint.Port}");
        Assert.Same(b, await cluster.WaitOwnerAsync("agent", id, _ => true, Within(60)));

        foreach (var node in cluster.Nodes)
        {
            using var info = await node.Client.GetAsync($"api/agents/{id}", Within(10));
            Assert.Equal(b.NodeId, ServedBy(info));
            Assert.True((await info.Content.ReadFromJsonAsync<JsonElement>(Within(10))).GetProperty("online").GetBoolean());
            // The port was provisioned on node c; every node listens on it (within a resync) and reaches the agent on b.
            string reply;
            try
            {
                reply = await EchoThroughAsync(node.Address, port, $"hello via {node.NodeId}", Within(30));
            }
            catch (IOException ex)
            {
                throw new IOException(ex.Message + "\n" + cluster.Logs, ex);
            }
            Assert.Equal($"hello via {node.NodeId}", reply);
        }

        var agents = await a.Client.GetFromJsonAsync<JsonElement>("api/agents", Within(10));
        var listed = Assert.Single(agents.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetString() == id);
        Assert.True(listed.GetProperty("online").GetBoolean());

        using var control = await a.Client.PostAsJsonAsync($"api/agents/{id}/control", new { command = "get-status" }, Within(30));
        Assert.True(control.IsSuccessStatusCode, await control.Content.ReadAsStringAsync(Within(10)));
    }

    [Fact]
    public async Task Ffmpeg_decodes_a_real_rtsp_camera_through_a_node_that_does_not_hold_its_agent()
    {
        await using var rtsp = await RtspCameraProcess.StartAsync(Within(20));
        await using var cluster = await TestCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        cluster.RouteDevicesTo(a);
        var (id, token, port) = await ProvisionAsync(a, "agent-rtsp", rtsp.Port, RtspCameraProcess.Path);
        await using var agent = AgentProcess.Start(cluster.GatewayBalancer.HttpUri, id, token, $"rtsp=127.0.0.1:{rtsp.Port}");
        await cluster.WaitOwnerAsync("agent", id, n => n == a, Within(60));
        await PollAsync(async () => !await PortProbe.IsRefusedAsync(IPAddress.Parse(b.Address), port, Within(5)), $"node b listening on {port}", Within(30));

        var result = await FfmpegRtspPull.DecodeAsync($"rtsp://{b.Address}:{port}{RtspCameraProcess.Path}", 3);
        Assert.True(result.ExitCode == 0 && result.DecodedSeconds >= 2.5, $"ffmpeg exit {result.ExitCode}, {result.DecodedSeconds} s: {result.Errors}");
    }

    internal static async Task<(string Id, string Token, int Port)> ProvisionAsync(NodeProcess node, string id, int targetPort, string? path = null)
    {
        var agent = await ProvisionedAgent.CreateAsync(node.Client, id, path is null ? "echo" : "rtsp", targetPort, path, Within(10));
        return (agent.Id, agent.Token, agent.Port);
    }

    internal static async Task<string> EchoThroughAsync(string address, int port, string message, CancellationToken cancellationToken)
    {
        // The port may not listen on this node yet (its resync runs every few seconds): retry the connect only.
        TcpClient? client = null;
        await PollAsync(async () =>
        {
            client?.Dispose();
            client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Parse(address), port, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, $"{address}:{port} accepting", cancellationToken);
        using (client)
        {
            var stream = client!.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(message), cancellationToken);
            var buffer = new byte[message.Length];
            await stream.ReadExactlyAsync(buffer, cancellationToken);
            return Encoding.UTF8.GetString(buffer);
        }
    }

    internal static long? FrameSeq(byte[] jpeg, string deviceId) =>
        SimulatedFrameTag.TryRead(jpeg, out var uid, out var seq) && string.Equals(uid, deviceId, StringComparison.OrdinalIgnoreCase) ? seq : null;
}
