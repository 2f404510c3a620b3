using System.Net;
using System.Net.Sockets;
using CameraCloud.Cluster;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>
/// An owner node as raw TCP: accepts a connection, reads the request head, and answers with whatever bytes the
/// test writes, so a test can answer as no real server would.
/// </summary>
internal sealed class ScriptedOwner : IDisposable
{
    private readonly Socket _listener;

    private ScriptedOwner(Socket listener) => _listener = listener;

    public ClusterNode Node
    {
        get
        {
            var endpoint = (IPEndPoint)_listener.LocalEndPoint!;
            var host = endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
            return InTestMembership.Node("node-scripted", new Uri($"http://{host}:{endpoint.Port}/"));
        }
    }

    public static ScriptedOwner Start(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen(8);
        return new ScriptedOwner(listener);
    }

    /// <summary>The next connection, once its request head has arrived.</summary>
    public async Task<ScriptedOwnerConnection> AcceptAsync(CancellationToken cancellationToken)
    {
        var socket = await _listener.AcceptAsync(cancellationToken);
        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var head = await LoopbackTcp.ReadUntilAsync(stream, "\r\n\r\n", cancellationToken);
            return new ScriptedOwnerConnection(stream, head);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => _listener.Dispose();
}
