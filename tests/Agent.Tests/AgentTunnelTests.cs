using System.Text;
using CameraCloud.Agent.Connection;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.Tunnel;

namespace CameraCloud.Agent.Tests;

/// <summary>
/// The whole agent (arguments → reconnect loop → WebSocket → mux → targets and control) against the
/// mux's server side on loopback, in process, on the real clock.
/// </summary>
public sealed class AgentTunnelTests : IAsyncDisposable
{
    private const string Token = "porch-token-0123456789abcdefghij";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly LoopbackTunnelServer _server = new(WebSocketDialer.BasicCredentials("cam-porch", Token));
    private readonly EchoTarget _camera = new();
    private readonly LogCapture _stdout = new();
    private readonly CancellationTokenSource _stop = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _server.DisposeAsync();
        await _camera.DisposeAsync();
        _stop.Dispose();
    }

    private Task<int> StartAgent(params string[] extra) =>
        new AgentProgram(_stdout, _stdout, _ => null, "/nonexistent/agent.conf", TimeProvider.System)
        {
            SessionFactory = (connector, control) => new AgentConnection(connector, control, TimeProvider.System),
        }.RunAsync(
            ["--server", _server.Url.ToString(), "--id", "cam-porch", "--token", Token, "--target", $"rtsp=127.0.0.1:{_camera.Port}", .. extra],
            _stop.Token);

    [Fact]
    public async Task The_agent_says_hello_carries_a_stream_to_its_target_and_refuses_unknown_targets()
    {
        var agent = StartAgent("--model", "dahua-2449s-il");
        var session = await _server.NextSessionAsync();
        var serverRun = session.RunAsync(CancellationToken.None);

        Assert.Equal("cam-porch", session.Hello!.AgentId);
        Assert.Equal("1.0.0", session.Hello.Version);
        Assert.Equal("dahua-2449s-il", session.Hello.Model);
        Assert.Equal("127.0.0.1", session.Hello.LocalIp);
        Assert.Equal([new TargetMessage("rtsp", "127.0.0.1", _camera.Port)], session.Hello.Targets);

        await using (var stream = await session.OpenStreamAsync("rtsp", CancellationToken.None).WaitAsync(Bound))
        {
            var request = "OPTIONS rtsp://127.0.0.1/ RTSP/1.0\r\n"u8.ToArray();
            await stream.WriteAsync(request);
            var echo = new byte[request.Length];
            await stream.ReadExactlyAsync(echo).AsTask().WaitAsync(Bound);
            Assert.Equal("OPTIONS rtsp://127.0.0.1/ RTSP/1.0\r\n", Encoding.ASCII.GetString(echo));
        }
        var refused = await Assert.ThrowsAsync<TunnelStreamException>(() => session.OpenStreamAsync("ssh", CancellationToken.None).WaitAsync(Bound));
        Assert.Equal(TunnelErrorCode.UnknownTarget, refused.Code);

        await _stop.CancelAsync();
        Assert.Equal(AgentExitCodes.Ok, await agent.WaitAsync(Bound));
        var end = await serverRun.WaitAsync(Bound);
        Assert.Equal((TunnelErrorCode?)TunnelErrorCode.Shutdown, end.Code);
        Assert.True(end.ByPeer);
        Assert.DoesNotContain(Token, _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_get_status_and_update_config_answer_and_restart_answers_then_exits_75()
    {
        var agent = StartAgent();
        var session = await _server.NextSessionAsync();
        var serverRun = session.RunAsync(CancellationToken.None);

        var status = await session.SendControlAsync("get-status", null, null, CancellationToken.None).WaitAsync(Bound);
        Assert.True(status.Ok);
        Assert.Equal("127.0.0.1", status.Status!.Value.GetProperty("localIp").GetString());
        Assert.Equal(0, status.Status.Value.GetProperty("openStreams").GetInt32());

        var update = await session.SendControlAsync("update-config", [new TargetMessage("http", "127.0.0.1", _camera.Port)], null, CancellationToken.None).WaitAsync(Bound);
        Assert.True(update.Ok);
        var gone = await Assert.ThrowsAsync<TunnelStreamException>(() => session.OpenStreamAsync("rtsp", CancellationToken.None).WaitAsync(Bound));
        Assert.Equal(TunnelErrorCode.UnknownTarget, gone.Code);
        await using (await session.OpenStreamAsync("http", CancellationToken.None).WaitAsync(Bound))
        {
        }

        var refused = await session.SendControlAsync("update-config", [new TargetMessage("Web UI", "127.0.0.1", 80)], null, CancellationToken.None).WaitAsync(Bound);
        Assert.False(refused.Ok);
        Assert.Contains("may hold only a-z", refused.Error, StringComparison.Ordinal);

        var restart = await session.SendControlAsync("restart", null, null, CancellationToken.None).WaitAsync(Bound);
        Assert.True(restart.Ok);
        Assert.Equal(AgentExitCodes.Restart, await agent.WaitAsync(Bound));
        var end = await serverRun.WaitAsync(Bound);
        Assert.Equal((TunnelErrorCode?)TunnelErrorCode.Shutdown, end.Code);
        Assert.True(end.ByPeer);
    }

    [Fact]
    public async Task A_revoked_agent_exits_3_and_a_server_shutdown_is_followed_by_a_new_session()
    {
        var agent = StartAgent();
        var first = await _server.NextSessionAsync();
        var firstRun = first.RunAsync(CancellationToken.None);

        await first.GoAwayAsync(TunnelErrorCode.Shutdown, "server restarting", CancellationToken.None).WaitAsync(Bound);
        await firstRun.WaitAsync(Bound);
        var second = await _server.NextSessionAsync();
        _ = second.RunAsync(CancellationToken.None);
        await second.GoAwayAsync(TunnelErrorCode.Revoked, "agent deleted", CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(AgentExitCodes.Revoked, await agent.WaitAsync(Bound));
        var log = _stdout.ToString();
        Assert.Contains("INFO the server is shutting down (Shutdown: server restarting (by the server))", log, StringComparison.Ordinal);
        Assert.Contains("ERROR the server revoked agent cam-porch (Revoked: agent deleted (by the server))", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_is_logged_without_the_token_and_retried_slowly()
    {
        _server.ExpectedAuthorization = "Basic something-else";
        var agent = StartAgent();

        await _stdout.WaitForAsync("token rejected");
        await _stop.CancelAsync();

        Assert.Equal(AgentExitCodes.Ok, await agent.WaitAsync(Bound));
        var log = _stdout.ToString();
        Assert.Equal(1, _server.Rejected);
        Assert.Contains("retrying at the slowest rate", log, StringComparison.Ordinal);
        Assert.Matches(@"dialing ws://127\.0\.0\.1:\d+/agent/connect again in (1[5-9]|2\d|30)\.\d s", log);
        Assert.DoesNotContain(Token, log, StringComparison.Ordinal);
    }
}
