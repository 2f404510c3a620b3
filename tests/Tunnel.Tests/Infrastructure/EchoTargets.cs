using System.Collections.Concurrent;
using System.Net.Sockets;

namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>
/// An agent's ConnectTarget whose every target is a loopback TCP connection to an echo loop: what
/// arrives is sent back; at end of input the echo half-closes its side.
/// </summary>
internal sealed class EchoTargets : IAsyncDisposable
{
    private readonly ConcurrentBag<Task> echoes = [];

    public int Connections => echoes.Count;

    public async Task<Stream> ConnectAsync(string target, CancellationToken ct)
    {
        var (near, far) = await TcpPair.CreateStreamsAsync();
        echoes.Add(EchoAsync(far));
        return near;
    }

    private static async Task EchoAsync(NetworkStream far)
    {
        await using var _ = far;
        var buffer = new byte[64 * 1024];
        var ct = Timeouts.Token(Timeouts.Bulk);
        try
        {
            while (true)
            {
                int n = await far.ReadAsync(buffer, ct);
                if (n == 0)
                {
                    far.Socket.Shutdown(SocketShutdown.Send);
                    return;
                }
                await far.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The session side went away; the test asserts what it saw.
        }
    }

    public async ValueTask DisposeAsync() => await Task.WhenAll(echoes).WaitAsync(Timeouts.Default);
}
