using System.Net.WebSockets;
using System.Text;
using CameraCloud.Agent.Connection;

namespace CameraCloud.Agent.Tests;

public sealed class WebSocketDialerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly WebSocketDialer _dialer = new(TimeSpan.FromSeconds(5));

    [Fact]
    public async Task The_upgrade_carries_the_path_subprotocol_and_basic_credentials_and_no_keepalive_is_needed()
    {
        using var server = new LoopbackHttpServer();
        Dictionary<string, string>? seen = null;
        var serve = server.ServeOnceAsync(request =>
        {
            seen = request;
            return LoopbackHttpServer.Upgrade(request, WebSocketDialer.SubProtocol);
        });

        using var socket = await _dialer.DialAsync(new Uri($"ws://127.0.0.1:{server.Port}/agent/connect"), "cam-porch", "t0ken", CancellationToken.None).WaitAsync(Bound);
        await serve.WaitAsync(Bound);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal("GET /agent/connect HTTP/1.1", seen![":request"]);
        Assert.Equal(WebSocketDialer.SubProtocol, seen["Sec-WebSocket-Protocol"]);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("cam-porch:t0ken")), seen["Authorization"]);
    }

    [Fact]
    public async Task A_401_is_a_rejected_token()
    {
        using var server = new LoopbackHttpServer();
        var serve = server.ServeOnceAsync(_ => "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"CameraCloud agents\"\r\nContent-Length: 0\r\n\r\n");

        var error = await Assert.ThrowsAsync<DialException>(() => _dialer.DialAsync(new Uri($"ws://127.0.0.1:{server.Port}/agent/connect"), "a", "b", CancellationToken.None).WaitAsync(Bound));
        await serve.WaitAsync(Bound);

        Assert.Equal(DialFailure.Unauthorized, error.Failure);
    }

    [Fact]
    public async Task A_429_carries_its_retry_after()
    {
        using var server = new LoopbackHttpServer();
        var serve = server.ServeOnceAsync(_ => "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 42\r\nContent-Length: 0\r\n\r\n");

        var error = await Assert.ThrowsAsync<DialException>(() => _dialer.DialAsync(new Uri($"ws://127.0.0.1:{server.Port}/agent/connect"), "a", "b", CancellationToken.None).WaitAsync(Bound));
        await serve.WaitAsync(Bound);

        Assert.Equal(DialFailure.RateLimited, error.Failure);
        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
    }

    [Fact]
    public async Task An_upgrade_without_the_subprotocol_is_rejected()
    {
        using var server = new LoopbackHttpServer();
        var serve = server.ServeOnceAsync(request => LoopbackHttpServer.Upgrade(request, null));

        var error = await Assert.ThrowsAsync<DialException>(() => _dialer.DialAsync(new Uri($"ws://127.0.0.1:{server.Port}/agent/connect"), "a", "b", CancellationToken.None).WaitAsync(Bound));
        await serve.WaitAsync(Bound);

        Assert.Equal(DialFailure.Rejected, error.Failure);
    }

    [Fact]
    public async Task A_closed_port_is_unreachable()
    {
        int port;
        using (var server = new LoopbackHttpServer())
        {
            port = server.Port;
        }

        var error = await Assert.ThrowsAsync<DialException>(() => _dialer.DialAsync(new Uri($"ws://127.0.0.1:{port}/agent/connect"), "a", "b", CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(DialFailure.Unreachable, error.Failure);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_local_address_toward_a_loopback_server_is_loopback()
    {
        var address = await new UdpLocalAddressProbe().GetLocalAddressAsync(new Uri("ws://127.0.0.1:9/agent/connect"), CancellationToken.None);

        Assert.Equal("127.0.0.1", address);
    }
}
