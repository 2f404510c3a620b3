using System.Net;
using System.Net.Sockets;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>What a VMS sees when it dials a gateway port: refused, or accepted and then closed (or not).</summary>
internal static class PortProbe
{
    public static Task<bool> IsRefusedAsync(int port, CancellationToken cancellationToken) =>
        IsRefusedAsync(IPAddress.Loopback, port, cancellationToken);

    /// <summary>The same on another address (a test cluster's nodes live on 127.0.0.2 and up).</summary>
    public static async Task<bool> IsRefusedAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
    }

    /// <summary>Connects and waits for the server to close: true when it did (FIN or reset) before the token fired.</summary>
    public static async Task<bool> IsAcceptedThenClosedAsync(int port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        var buffer = new byte[16];
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) == 0;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }
}
