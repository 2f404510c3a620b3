using System.Net.Sockets;
using System.Threading.Channels;

namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>
/// An agent's ConnectTarget that hands the far end of each target connection to the test, which
/// then plays the camera's service by hand (reads, writes, half-closes).
/// </summary>
internal sealed class HeldTargets : IAsyncDisposable
{
    private readonly Channel<(string Target, NetworkStream Far)> connected = Channel.CreateUnbounded<(string, NetworkStream)>();
    private readonly List<NetworkStream> all = [];

    public async Task<Stream> ConnectAsync(string target, CancellationToken ct)
    {
        var (near, far) = await TcpPair.CreateStreamsAsync();
        lock (all)
        {
            all.Add(far);
        }
        connected.Writer.TryWrite((target, far));
        return near;
    }

    /// <summary>The far end of the next connection the agent made.</summary>
    public async Task<NetworkStream> NextAsync() => (await connected.Reader.ReadAsync(Timeouts.Token())).Far;

    public async ValueTask DisposeAsync()
    {
        List<NetworkStream> streams;
        lock (all)
        {
            streams = [.. all];
        }
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }
    }
}
