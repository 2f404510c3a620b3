using CameraCloud.Codecs.Tunnel;
using CameraCloud.TestSupport;
using CameraCloud.Tunnel.Tests.Infrastructure;

namespace CameraCloud.Tunnel.Tests.Sessions;

/// <summary>Pings and the silence timeout, on a clock that moves only when the test moves it.</summary>
public class LivenessTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Pings_and_pongs_keep_an_idle_session_alive_far_past_the_timeout()
    {
        var clock = new ManualTimeProvider();
        await using var pair = await SessionPair.StartAsync(time: clock,
            serverOptions: new TunnelSessionOptions { PingInterval = Interval, PingTimeout = Timeout });
        var serverPongs = new SemaphoreSlim(0);
        var agentPongs = new SemaphoreSlim(0);
        pair.Server.FrameHandled = h => { if (h.Type == TunnelFrameType.Pong) serverPongs.Release(); };
        pair.Agent.FrameHandled = h => { if (h.Type == TunnelFrameType.Pong) agentPongs.Release(); };

        for (int round = 1; round <= 12; round++)
        {
            // Both pingers are waiting on the clock before it moves.
            await clock.WaitForTimersAsync(2);
            clock.Advance(Interval);
            Assert.True(await serverPongs.WaitAsync(Timeouts.Default), $"server got no PONG in round {round}");
            Assert.True(await agentPongs.WaitAsync(Timeouts.Default), $"agent got no PONG in round {round}");
        }

        // Two minutes of idle time, four times the timeout, and both sides still run.
        Assert.False(pair.ServerRun.IsCompleted);
        Assert.False(pair.AgentRun.IsCompleted);
        Assert.Equal(12, pair.Server.PongsReceived);
        Assert.Equal(12, pair.Agent.PongsReceived);
        Assert.Equal(TimeSpan.FromMinutes(2), clock.GetUtcNow() - clock.Start);
    }

    [Fact]
    public async Task Silence_past_the_ping_timeout_ends_the_session_with_goaway_timeout()
    {
        var clock = new ManualTimeProvider();
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions { PingInterval = Interval, PingTimeout = Timeout }, clock, Timeouts.Token());
        await agent.HandshakeAsAgentAsync();
        await using var server = await accepting;
        var run = server.RunAsync(CancellationToken.None);

        // The agent answers nothing. At 10 s and 20 s the server pings; at 30 s it gives up.
        for (int i = 0; i < 3; i++)
        {
            await clock.WaitForTimersAsync(1);
            Assert.False(run.IsCompleted);
            clock.Advance(Interval);
        }
        var end = await run.WaitAsync(Timeouts.Default);
        var frames = await agent.ReceiveUntilCloseAsync();

        Assert.Equal(new TunnelSessionEnd(TunnelErrorCode.Timeout, "nothing received for 30 s", ByPeer: false), end);
        Assert.Equal([TunnelFrameType.Ping, TunnelFrameType.Ping, TunnelFrameType.GoAway], frames.Select(f => f.Type));
        Assert.Equal(TunnelErrorCode.Timeout, frames[^1].ErrorCode);
    }

    [Fact]
    public async Task Any_frame_from_the_peer_counts_as_life_not_only_pongs()
    {
        var clock = new ManualTimeProvider();
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions { PingInterval = Interval, PingTimeout = Timeout }, clock, Timeouts.Token());
        await agent.HandshakeAsAgentAsync();
        await using var server = await accepting;
        var handled = new SemaphoreSlim(0);
        server.FrameHandled = h => { if (h.Type == TunnelFrameType.Ping) handled.Release(); };
        var run = server.RunAsync(CancellationToken.None);

        // The agent never answers the server's pings, but sends pings of its own every 10 s.
        for (int i = 0; i < 9; i++)
        {
            await clock.WaitForTimersAsync(1);
            clock.Advance(Interval);
            await agent.SendAsync(b => TunnelFrameWriter.WritePing(b, (ulong)i));
            Assert.True(await handled.WaitAsync(Timeouts.Default));
        }

        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task An_agent_adopts_the_servers_timeout_and_ends_a_silent_session()
    {
        var clock = new ManualTimeProvider();
        await using var sockets = await WebSocketPair.CreateAsync();
        var server = new RawPeer(sockets.Server);
        // The agent's own options say 15/45 s; WELCOME says 10/30 s and wins.
        var connecting = TunnelSession.ConnectAsync(sockets.Client, Sample.Hello(), new TunnelSessionOptions(), clock, Timeouts.Token());
        await server.HandshakeAsServerAsync(Sample.Welcome(pingIntervalSeconds: 10, pingTimeoutSeconds: 30));
        await using var agent = await connecting;
        var run = agent.RunAsync(CancellationToken.None);

        for (int i = 0; i < 3; i++)
        {
            await clock.WaitForTimersAsync(1);
            clock.Advance(Interval);
        }
        var end = await run.WaitAsync(Timeouts.Default);

        Assert.Equal(TunnelErrorCode.Timeout, end.Code);
        Assert.False(end.ByPeer);
        var frames = await server.ReceiveUntilCloseAsync();
        Assert.Equal(TunnelFrameType.GoAway, frames[^1].Type);
    }
}
