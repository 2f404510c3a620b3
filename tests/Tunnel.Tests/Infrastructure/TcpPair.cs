using System.Net;
using System.Net.Sockets;

namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>Two connected loopback TCP sockets: the real thing, without mocks.</summary>
internal static class TcpPair
{
    public static async Task<(Socket A, Socket B)> CreateAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(Timeouts.Default);
        var accepting = listener.AcceptAsync(timeout.Token);
        await client.ConnectAsync(listener.LocalEndPoint!, timeout.Token);
        var server = await accepting;
        server.NoDelay = true;
        return (client, server);
    }

    public static async Task<(NetworkStream A, NetworkStream B)> CreateStreamsAsync()
    {
        var (a, b) = await CreateAsync();
        return (new NetworkStream(a, ownsSocket: true), new NetworkStream(b, ownsSocket: true));
    }
}
