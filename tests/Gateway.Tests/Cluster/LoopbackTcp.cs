using System.Net;
using System.Net.Sockets;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>Real TCP connections on 127.0.0.1 for the tests' byte streams.</summary>
internal static class LoopbackTcp
{
    /// <summary>Both ends of one connection, as streams that own their sockets.</summary>
    public static async Task<(NetworkStream Near, NetworkStream Far)> PairAsync(CancellationToken cancellationToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var near = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await near.ConnectAsync(listener.LocalEndPoint!, cancellationToken);
        var far = await listener.AcceptAsync(cancellationToken);
        far.NoDelay = true;
        return (new NetworkStream(near, ownsSocket: true), new NetworkStream(far, ownsSocket: true));
    }

    /// <summary>A port nothing listens on: bound for a moment to pick it, then released, so a connect is refused.</summary>
    public static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Reads until <paramref name="marker"/> has arrived (at most <paramref name="maxBytes"/>); returns all read so far as text.</summary>
    public static async Task<string> ReadUntilAsync(Stream stream, string marker, CancellationToken cancellationToken, int maxBytes = 64 * 1024)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (received.Count < maxBytes)
        {
            var text = System.Text.Encoding.ASCII.GetString([.. received]);
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return text;
            }
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"The stream ended before '{marker}'; it carried: {text}");
            }
            received.AddRange(buffer.AsSpan(0, read));
        }
        throw new InvalidDataException($"No '{marker}' within {maxBytes} bytes.");
    }
}
