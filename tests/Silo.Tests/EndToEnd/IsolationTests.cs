using System.Net.Sockets;
using CameraCloud.Codecs.V720;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>One camera's address, garbage or failure never affects another camera.</summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task Two_cameras_behind_one_ip_both_stream_their_own_frames()
    {
        await using var silo = await RunningSilo.StartAsync();
        // Both simulators dial from 127.0.0.1: one address, two UDP source ports, like two cameras behind NAT.
        await using var a = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0AAAA01"), Timeouts.Short);
        await using var b = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0BBBB02") with { Seed = 2 }, Timeouts.Short);

        await using var viewerA = await MjpegViewer.OpenAsync(silo.Client, a.DeviceId, Timeouts.Short);
        await using var viewerB = await MjpegViewer.OpenAsync(silo.Client, b.DeviceId, Timeouts.Short);
        var partsA = viewerA.ReadPartsAsync(15, Timeouts.Long);
        var partsB = viewerB.ReadPartsAsync(15, Timeouts.Long);

        foreach (var (parts, camera) in new[] { (await partsA, a), (await partsB, b) })
        {
            Assert.All(parts, part =>
            {
                Assert.True(SimulatedFrameTag.TryRead(part.Body, out var uid, out _));
                Assert.Equal(camera.DeviceId, uid);
            });
        }
    }

    [Fact]
    public async Task Garbage_datagrams_and_corrupt_frames_from_one_camera_do_not_disturb_another()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var noisy = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0CCCC03") with
        {
            GarbageDatagramRate = 0.3,
            CorruptFrameRate = 0.3,
            PacketLossRate = 0.02,
            Seed = 3,
        }, Timeouts.Short);
        await using var clean = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0DDDD04") with { Seed = 4 }, Timeouts.Short);

        await using var noisyViewer = await MjpegViewer.OpenAsync(silo.Client, noisy.DeviceId, Timeouts.Short);
        await using var cleanViewer = await MjpegViewer.OpenAsync(silo.Client, clean.DeviceId, Timeouts.Short);
        var cleanParts = await cleanViewer.ReadPartsAsync(30, Timeouts.Long);

        // The clean camera lost nothing: consecutive frame numbers, every one of them its own.
        var sequences = cleanParts.Select(p =>
        {
            Assert.True(SimulatedFrameTag.TryRead(p.Body, out var uid, out var seq));
            Assert.Equal(clean.DeviceId, uid);
            return seq;
        }).ToList();
        Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => sequences[0] + i), sequences);

        // The noisy camera still gets its good frames through, and its bad ones were counted and dropped.
        var noisyParts = await noisyViewer.ReadPartsAsync(5, Timeouts.Long);
        Assert.All(noisyParts, p => Assert.Equal([0xFF, 0xD9], p.Body[^2..]));
        var info = await silo.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/cameras/{noisy.DeviceId}", Timeouts.Short);
        var media = info.GetProperty("live").GetProperty("media");
        Assert.True(media.GetProperty("framesDroppedCorrupt").GetInt64() + media.GetProperty("framesDroppedIncomplete").GetInt64() > 0);
    }

    [Fact]
    public async Task A_control_connection_that_sends_garbage_is_closed_without_touching_other_cameras()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var good = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0EEEE05"), Timeouts.Short);
        await using var viewer = await MjpegViewer.OpenAsync(silo.Client, good.DeviceId, Timeouts.Short);
        await viewer.ReadPartsAsync(2, Timeouts.Long);

        using var rogue = new TcpClient();
        await rogue.ConnectAsync("127.0.0.1", silo.TcpPort, Timeouts.Short);
        var stream = rogue.GetStream();
        // A header announcing a 2 GB payload: the server must close at once, not wait for (or allocate) the body.
        var header = new byte[V720Header.Size];
        new V720Header(0x7FFF_FFFF, V720Cmd.Json, 0, 0, 0, 0).Write(header);
        await stream.WriteAsync(header, Timeouts.Short);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, Timeouts.Short);
        Assert.Equal(0, read);

        // Random bytes on another connection: same fate.
        using var rogue2 = new TcpClient();
        await rogue2.ConnectAsync("127.0.0.1", silo.TcpPort, Timeouts.Short);
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);
        await rogue2.GetStream().WriteAsync(noise, Timeouts.Short);

        var after = await viewer.ReadPartsAsync(10, Timeouts.Long);
        Assert.All(after, p => Assert.Equal([0xFF, 0xD8], p.Body[..2]));
        Assert.True(good.IsRegistered);
    }
}
