using System.Net;
using System.Net.Sockets;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>
/// A port where connects hang: a listener that never accepts, its one-place accept queue filled by a first
/// connection, so the kernel drops later SYNs as it does for a node that is overloaded or cut off.
/// </summary>
internal sealed class UnresponsiveListener : IDisposable
{
    private readonly Socket _listener;
    private readonly Socket _filler;

    private UnresponsiveListener(Socket listener, Socket filler)
    {
        _listener = listener;
        _filler = filler;
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");

    public static async Task<UnresponsiveListener> StartAsync(CancellationToken cancellationToken)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await filler.ConnectAsync(listener.LocalEndPoint!, cancellationToken);
        return new UnresponsiveListener(listener, filler);
    }

    public void Dispose()
    {
        _filler.Dispose();
        _listener.Dispose();
    }
}
