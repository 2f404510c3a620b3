using CameraCloud.Codecs.Tunnel;
using CameraCloud.Tunnel.Tests.Infrastructure;

namespace CameraCloud.Tunnel.Tests.Sessions;

public class GoAwayTests
{
    [Fact]
    public async Task Goaway_from_the_server_ends_both_sides_with_its_code()
    {
        await using var echo = new EchoTargets();
        await using var pair = await SessionPair.StartAsync(echo.ConnectAsync);
        await using var stream = await pair.Server.OpenStreamAsync("rtsp", Timeouts.Token());

        await pair.Server.GoAwayAsync(TunnelErrorCode.Evicted, "a newer connection took over", Timeouts.Token());

        var agentEnd = await pair.AgentRun.WaitAsync(Timeouts.Default);
        var serverEnd = await pair.ServerRun.WaitAsync(Timeouts.Default);
        Assert.Equal(new TunnelSessionEnd(TunnelErrorCode.Evicted, "a newer connection took over", ByPeer: true), agentEnd);
        Assert.Equal(new TunnelSessionEnd(TunnelErrorCode.Evicted, "a newer connection took over", ByPeer: false), serverEnd);
        // Streams and new requests fail once the session is gone.
        await Assert.ThrowsAsync<TunnelSessionClosedException>(async () => await stream.ReadExactlyAsync(new byte[1], Timeouts.Token()));
        await Assert.ThrowsAsync<TunnelSessionClosedException>(() => pair.Server.OpenStreamAsync("rtsp", Timeouts.Token()));
        await Assert.ThrowsAsync<TunnelSessionClosedException>(() => pair.Server.SendControlAsync("get-status", null, null, Timeouts.Token()));
    }

    [Fact]
    public async Task Goaway_from_the_agent_ends_both_sides_with_its_code()
    {
        await using var pair = await SessionPair.StartAsync();

        await pair.Agent.GoAwayAsync(TunnelErrorCode.Shutdown, null, Timeouts.Token());

        var serverEnd = await pair.ServerRun.WaitAsync(Timeouts.Default);
        var agentEnd = await pair.AgentRun.WaitAsync(Timeouts.Default);
        Assert.Equal((TunnelErrorCode.Shutdown, true), (serverEnd.Code, serverEnd.ByPeer));
        Assert.Equal((TunnelErrorCode.Shutdown, false), (agentEnd.Code, agentEnd.ByPeer));
    }

    [Fact]
    public async Task Goaway_before_run_is_sent_at_once_and_run_returns_it()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());
        await agent.HandshakeAsAgentAsync();
        await using var server = await accepting;

        await server.GoAwayAsync(TunnelErrorCode.Evicted, "newer", Timeouts.Token());
        var end = await server.RunAsync(CancellationToken.None).WaitAsync(Timeouts.Default);

        Assert.Equal(new TunnelSessionEnd(TunnelErrorCode.Evicted, "newer", false), end);
        var frames = await agent.ReceiveUntilCloseAsync();
        Assert.Equal((TunnelFrameType.GoAway, TunnelErrorCode.Evicted, "newer"), (frames[^1].Type, frames[^1].ErrorCode, frames[^1].Reason));
    }

    [Fact]
    public async Task Cancelling_run_sends_goaway_shutdown_and_returns()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());
        await agent.HandshakeAsAgentAsync();
        await using var server = await accepting;
        using var stop = new CancellationTokenSource();
        var run = server.RunAsync(stop.Token);

        var goAway = agent.ReceiveTypeAsync(TunnelFrameType.GoAway);
        await stop.CancelAsync();

        var end = await run.WaitAsync(Timeouts.Default);
        Assert.Equal((TunnelErrorCode.Shutdown, false), (end.Code, end.ByPeer));
        Assert.Equal(TunnelErrorCode.Shutdown, (await goAway).ErrorCode);
    }

    [Fact]
    public async Task The_peer_closing_the_websocket_ends_the_session_by_peer_without_a_code()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());
        await agent.HandshakeAsAgentAsync();
        await using var server = await accepting;
        var run = server.RunAsync(CancellationToken.None);

        await sockets.Client.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, Timeouts.Token());
        await agent.ReceiveUntilCloseAsync();

        var end = await run.WaitAsync(Timeouts.Default);
        Assert.Equal(new TunnelSessionEnd(null, "the peer closed the WebSocket", ByPeer: true), end);
    }

    [Fact]
    public async Task A_broken_connection_ends_the_session_by_peer()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());
        await agent.HandshakeAsAgentAsync();
        await using var server = await accepting;
        var run = server.RunAsync(CancellationToken.None);

        sockets.Client.Abort();

        var end = await run.WaitAsync(Timeouts.Default);
        Assert.Null(end.Code);
        Assert.True(end.ByPeer);
    }

    [Fact]
    public async Task Disposing_a_running_session_ends_run()
    {
        await using var pair = await SessionPair.StartAsync();

        await pair.Agent.DisposeAsync().AsTask().WaitAsync(Timeouts.Default);

        Assert.True(pair.AgentRun.IsCompleted);
        Assert.Equal(TunnelErrorCode.Shutdown, (await pair.ServerRun.WaitAsync(Timeouts.Default)).Code);
    }
}
