using System.Diagnostics;
using System.Net.Sockets;
using CameraCloud.Tunnel.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CameraCloud.Tunnel.Tests;

/// <summary>
/// Bulk transfer through the whole path a VMS uses: TCP client → gateway splice → tunnel stream →
/// WebSocket over loopback TCP → agent splice → TCP service. Asserts correctness only; the rate is
/// printed for information (on a shared machine a timing assert would only be noise).
/// </summary>
public class ThroughputTests(ITestOutputHelper output)
{
    private const long Total = 256L * 1024 * 1024;

    [Fact]
    public async Task Two_hundred_fifty_six_megabytes_cross_the_tunnel_unchanged()
    {
        await using var targets = new HeldTargets();
        await using var pair = await SessionPair.StartAsync(targets.ConnectAsync);
        var ct = Timeouts.Token(Timeouts.Bulk);
        var (client, gatewaySide) = await TcpPair.CreateStreamsAsync();
        await using var _c = client;
        await using var _g = gatewaySide;

        var clock = Stopwatch.StartNew();
        var stream = await pair.Server.OpenStreamAsync("rtsp", ct);
        var service = await targets.NextAsync();
        var gateway = StreamSplice.RunAsync(gatewaySide, stream, ct);
        var pattern = new Pattern(seed: 256);
        var receiving = pattern.ReadToEndAsync(service, ct, bufferSize: 256 * 1024);
        await pattern.WriteAsync(client, Total, 256 * 1024, ct);
        client.Socket.Shutdown(SocketShutdown.Send);
        long received = await receiving;
        clock.Stop();

        Assert.Equal(Total, received);
        output.WriteLine($"{Total / (1024.0 * 1024):0} MiB client → service in {clock.Elapsed.TotalSeconds:0.00} s: " +
            $"{Total / clock.Elapsed.TotalSeconds / 1e6:0} MB/s ({Total * 8 / clock.Elapsed.TotalSeconds / 1e9:0.00} Gbit/s)");

        // The service closes too; the gateway splice ends with every byte counted.
        service.Socket.Shutdown(SocketShutdown.Send);
        Assert.Empty(await ReadToEndAsync(client, ct));
        Assert.Equal((Total, 0L), await gateway.WaitAsync(Timeouts.Default));
        Assert.Equal(Total, pair.Agent.GetStats().BytesReceived);
        await stream.DisposeAsync();
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken ct)
    {
        using var all = new MemoryStream();
        await stream.CopyToAsync(all, ct);
        return all.ToArray();
    }
}
