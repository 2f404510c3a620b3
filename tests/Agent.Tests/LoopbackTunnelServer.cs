using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using CameraCloud.Tunnel;

namespace CameraCloud.Agent.Tests;

/// <summary>
/// The server side of the tunnel on loopback, built from the mux itself: answers the WebSocket upgrade
/// on /agent/connect (or 401 for a wrong token) and accepts a tunnel session per connection.
/// </summary>
internal sealed class LoopbackTunnelServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<TunnelSession> _sessions = Channel.CreateUnbounded<TunnelSession>();
    private readonly List<(TunnelSession Session, WebSocket Socket)> _open = [];
    private readonly Task _accepting;

    public LoopbackTunnelServer(string expectedAuthorization)
    {
        ExpectedAuthorization = expectedAuthorization;
        _listener.Start();
        _accepting = AcceptLoopAsync();
    }

    /// <summary>The Authorization header that gets 101; anything else gets 401.</summary>
    public string ExpectedAuthorization { get; set; }

    public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int Rejected { get; private set; }

    /// <summary>Waits (bounded) for the next session to complete its handshake.</summary>
    public async Task<TunnelSession> NextSessionAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _sessions.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var (session, socket) in _open)
        {
            await session.DisposeAsync();
            socket.Dispose();
        }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            try
            {
                await HandleAsync(client);
            }
            catch (Exception e) when (e is IOException or WebSocketException or TunnelProtocolException or OperationCanceledException or KeyNotFoundException)
            {
                client.Dispose();
            }
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var headers = await ReadHeadAsync(stream);
        if (headers.GetValueOrDefault("Authorization") != ExpectedAuthorization)
        {
            Rejected++;
            await stream.WriteAsync("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"CameraCloud agents\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
            client.Dispose();
            return;
        }
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(headers["Sec-WebSocket-Key"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: cameracloud-tunnel.v1\r\n\r\n"), _stop.Token);
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = "cameracloud-tunnel.v1",
            KeepAliveInterval = TimeSpan.Zero,
        });
        var session = await TunnelSession.AcceptAsync(socket, new TunnelSessionOptions(), TimeProvider.System, _stop.Token);
        _open.Add((session, socket));
        _sessions.Writer.TryWrite(session);
    }

    private async Task<Dictionary<string, string>> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16 * 1024)
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                break;
            }
            head.Append((char)one[0]);
        }
        return head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
    }
}
