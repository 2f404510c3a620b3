using System.Net;
using System.Net.Sockets;

namespace CameraCloud.Chart.Tests.ThreeNodes;

/// <summary>
/// Ports free on every address: the script binds the same numbers on 127.0.0.2-4, so a port is checked on the
/// wildcard address, which no listener on any address may hold. Drawn from 21000-29999: below Linux's ephemeral
/// range (32768+), where the kernel hands out the local ports of the outgoing connections the other test
/// assemblies make meanwhile (one of them could take a port found free before the script's nodes bind it), and
/// apart from the script's agent ports (20000-20999) and the node tests' tunnel ports (30000-32767).
/// </summary>
internal static class FreePorts
{
    private const int Low = 21000;
    private const int High = 29999;
    private const int Attempts = 200;

    /// <summary><paramref name="count"/> distinct ports free for TCP; the first is free for UDP too (V720 control and media share it).</summary>
    public static int[] Take(int count)
    {
        var ports = new List<int> { Find(udpToo: true, []) };
        while (ports.Count < count)
        {
            ports.Add(Find(udpToo: false, ports));
        }

        return [.. ports];
    }

    private static int Find(bool udpToo, List<int> taken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = Random.Shared.Next(Low, High + 1);
            if (!taken.Contains(port) && IsFree(SocketType.Stream, ProtocolType.Tcp, port)
                && (!udpToo || IsFree(SocketType.Dgram, ProtocolType.Udp, port)))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no port free in {Low}-{High} in {Attempts} attempts");
    }

    private static bool IsFree(SocketType type, ProtocolType protocol, int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
