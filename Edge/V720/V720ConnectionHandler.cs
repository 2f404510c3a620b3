using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace CameraCloud.Edge.V720;

/// <summary>Kestrel's entry for TCP 6123: sets keepalive and hands the pipe to a control session.</summary>
public sealed class V720ConnectionHandler(V720SessionServices services, EdgeShutdown shutdown) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            // A power-cycled camera never closes its old socket (§5.4): keepalive finds it within about 90 s.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 30);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 15);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 4);
        }

        var session = new V720ControlSession(connection.Transport, connection.RemoteEndPoint?.ToString() ?? "unknown", services,
            (connection.RemoteEndPoint as IPEndPoint)?.Address);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, shutdown.Token);
        await session.RunAsync(ending.Token);
    }
}
