using System.Net.Sockets;
using System.Net.WebSockets;

namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>A server and a client WebSocket (the framework's own implementation) over a loopback TCP connection.</summary>
internal sealed class WebSocketPair : IAsyncDisposable
{
    public const string SubProtocol = "cameracloud-tunnel.v1";

    private WebSocketPair(WebSocket server, WebSocket client)
    {
        Server = server;
        Client = client;
    }

    public WebSocket Server { get; }

    public WebSocket Client { get; }

    public static async Task<WebSocketPair> CreateAsync()
    {
        var (a, b) = await TcpPair.CreateAsync();
        var client = WebSocket.CreateFromStream(new NetworkStream(a, ownsSocket: true),
            new WebSocketCreationOptions { IsServer = false, SubProtocol = SubProtocol, KeepAliveInterval = TimeSpan.Zero });
        var server = WebSocket.CreateFromStream(new NetworkStream(b, ownsSocket: true),
            new WebSocketCreationOptions { IsServer = true, SubProtocol = SubProtocol, KeepAliveInterval = TimeSpan.Zero });
        return new WebSocketPair(server, client);
    }

    /// <summary>
    /// Closes the server's connection once its session has run, as Kestrel does when the request
    /// handler returns (a client WebSocket otherwise waits up to a second for that after the close).
    /// </summary>
    public void DisposeServerAfter(Task run) =>
        run.ContinueWith(_ => Server.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    public ValueTask DisposeAsync()
    {
        Server.Dispose();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }
}
