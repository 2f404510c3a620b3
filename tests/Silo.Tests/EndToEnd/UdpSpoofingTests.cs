using System.Net;
using System.Net.Sockets;
using CameraCloud.Codecs.V720;
using CameraCloud.Silo.Tests.ClusterNodes;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>
/// Someone on the network who knows a camera's uid, sending from another address (127.0.0.2 here; the node and the
/// camera use 127.0.0.1): a forged probe takes nothing over, and neither it nor a code 20 gets an answer.
/// </summary>
public sealed class UdpSpoofingTests
{
    [Fact]
    public async Task A_forged_51_from_another_address_rebinds_nothing_and_no_datagram_answers_the_forger()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0a1b2e1"), Timeouts.Short);
        await using var viewer = await MjpegViewer.OpenAsync(silo.Client, camera.DeviceId, Timeouts.Short);
        await viewer.ReadPartsAsync(3, Timeouts.Long);
        using var forger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        forger.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        var node = new IPEndPoint(IPAddress.Loopback, silo.TcpPort);

        // One receive loop takes the node's datagrams in order: once the 51 is counted, the 20 before it was handled.
        await forger.SendToAsync(V720Writer.JsonToArray("""{"code":20}"""), node, Timeouts.Short);
        await forger.SendToAsync(V720Writer.JsonToArray($$"""{"code":51,"devTarget":"{{camera.DeviceId}}","status":200}"""), node, Timeouts.Short);
        await TestCluster.PollAsync(async () => await CameraMedia.CounterAsync(silo, camera.DeviceId, "probesFromOtherAddresses") == 1,
            "the node to count the forged probe", Timeouts.Long);

        Assert.Equal(0, forger.Available);
        // The real camera still feeds its viewers.
        foreach (var part in await viewer.ReadPartsAsync(5, Timeouts.Long))
        {
            Assert.True(SimulatedFrameTag.TryRead(part.Body, out var uid, out _));
            Assert.Equal(camera.DeviceId, uid);
        }
        Assert.Equal(0, forger.Available);
    }
}
