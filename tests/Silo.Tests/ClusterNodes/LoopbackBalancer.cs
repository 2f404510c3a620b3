using System.Net;
using System.Net.Sockets;
using CameraCloud.Tunnel;

namespace CameraCloud.Silo.Tests.ClusterNodes;

/// <summary>
/// The "one address" in front of a test cluster: a TCP balancer on 127.0.0.1 that hands each connection to
/// the next backend in turn, passing over backends that refuse, like a Kubernetes Service over its ready pods.
/// </summary>
public sealed class LoopbackBalancer : IAsyncDisposable
{
    private static readonly TimeSpan BackendConnectTimeout = TimeSpan.FromSeconds(2);

    private readonly Socket _listener;
    private IPEndPoint[] _backends;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _next;

    private LoopbackBalancer(Socket listener, IPEndPoint[] backends)
    {
        _listener = listener;
        _backends = backends;
        _accepting = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public Uri HttpUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>Which backends new connections go to from now on (a Service's endpoints changing); open ones stay.</summary>
    public void SetBackends(IEnumerable<IPEndPoint> backends) => Volatile.Write(ref _backends, [.. backends]);

    public static LoopbackBalancer Start(IEnumerable<IPEndPoint> backends)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(128);
        return new LoopbackBalancer(listener, [.. backends]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using (client)
        {
            client.NoDelay = true;
            var backend = await ConnectToNextAsync();
            if (backend is null)
            {
                return;
            }
            using (backend)
            {
                try
                {
                    await using var clientStream = new NetworkStream(client, ownsSocket: false);
                    await using var backendStream = new NetworkStream(backend, ownsSocket: false);
                    await StreamSplice.RunAsync(clientStream, backendStream, _stop.Token);
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // One side went away (a killed node, a test that ended): the other side sees the connection end.
                }
            }
        }
    }

    private async Task<Socket?> ConnectToNextAsync()
    {
        var backends = Volatile.Read(ref _backends);
        var start = Interlocked.Increment(ref _next);
        for (var i = 0; i < backends.Length; i++)
        {
            var endPoint = backends[(int)((uint)(start + i) % (uint)backends.Length)];
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(BackendConnectTimeout);
            try
            {
                await socket.ConnectAsync(endPoint, timeout.Token);
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
            }
        }
        return null;
    }
}
