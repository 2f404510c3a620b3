using System.Net;
using System.Net.Sockets;

namespace CameraCloud.Chart.Tests.ThreeNodes;

/// <summary>
/// Ports free on every address: the script binds the same numbers on 127.0.0.2-4, so a port is taken from
/// the wildcard address, which no listener on any address may hold.
/// </summary>
internal static class FreePorts
{
    private const int Attempts = 50;

    /// <summary><paramref name="count"/> distinct ports free for TCP; the first is free for UDP too (V720 control and media share it).</summary>
    public static int[] Take(int count)
    {
        var ports = new List<int> { TcpAndUdp() };
        while (ports.Count < count)
        {
            var port = Tcp();
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    private static int Tcp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static int TcpAndUdp()
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Any, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Any, port));
                return port;
            }
            catch (SocketException)
            {
                // UDP holds this number elsewhere; try another.
            }
        }

        throw new InvalidOperationException($"no port free for both TCP and UDP in {Attempts} attempts");
    }
}
