using System.Net;
using System.Net.Sockets;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>A client of a gateway port, as a VMS would be.</summary>
internal static class Loopback
{
    public static async Task<Socket> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        return socket;
    }

    /// <summary>Sends <paramref name="payload"/> and reads the same number of bytes back.</summary>
    public static async Task<byte[]> EchoAsync(Socket socket, byte[] payload, CancellationToken cancellationToken)
    {
        var send = socket.SendAsync(payload, SocketFlags.None, cancellationToken).AsTask();
        var received = new byte[payload.Length];
        var total = 0;
        while (total < received.Length)
        {
            var n = await socket.ReceiveAsync(received.AsMemory(total), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException($"the connection closed after {total} of {received.Length} bytes");
            }
            total += n;
        }
        await send;
        return received;
    }

    /// <summary>True when the server closes (FIN or reset) before the token fires.</summary>
    public static async Task<bool> ClosedByPeerAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
            }
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }
}
