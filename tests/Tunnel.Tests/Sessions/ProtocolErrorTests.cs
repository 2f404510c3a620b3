using System.Net.WebSockets;
using System.Text;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.TestSupport;
using CameraCloud.Tunnel.Tests.Codec;
using CameraCloud.Tunnel.Tests.Infrastructure;

namespace CameraCloud.Tunnel.Tests.Sessions;

/// <summary>Malformed or misplaced frames end the session with GOAWAY PROTOCOL_ERROR, and only that session.</summary>
public class ProtocolErrorTests
{
    public static TheoryData<string> FromAgent =>
    [
        "garbage", "empty message", "text message", "oversize message", "oversize length in header", "unknown type",
        "unknown version", "length mismatch", "DATA on a stream never opened", "HELLO again", "OPEN from the agent",
        "CONTROL from the agent", "bad CONTROL_RESULT", "session frame on a stream", "fragmented oversize message",
    ];

    public static TheoryData<string> FromServer =>
    [
        "OPEN_OK to the agent", "CONTROL_RESULT to the agent", "WELCOME again", "OPEN with an id not above the last", "CONTROL without an id",
    ];

    [Theory]
    [MemberData(nameof(FromAgent))]
    public async Task A_bad_frame_from_the_agent_ends_the_server_session_with_protocol_error(string what)
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());
        await agent.HandshakeAsAgentAsync();
        await using var server = await accepting;
        var run = server.RunAsync(CancellationToken.None);
        sockets.DisposeServerAfter(run);

        await SendBadAsync(agent, what);
        var frames = await agent.ReceiveUntilCloseAsync();
        var end = await run.WaitAsync(Timeouts.Default);

        Assert.Equal(TunnelErrorCode.ProtocolError, end.Code);
        Assert.False(end.ByPeer);
        var goAway = frames[^1];
        Assert.Equal((TunnelFrameType.GoAway, TunnelErrorCode.ProtocolError), (goAway.Type, goAway.ErrorCode));
        Assert.Equal(end.Reason, goAway.Reason);
    }

    [Theory]
    [MemberData(nameof(FromServer))]
    public async Task A_bad_frame_from_the_server_ends_the_agent_session_with_protocol_error(string what)
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        await using var targets = new HeldTargets();
        var server = new RawPeer(sockets.Server);
        var connecting = TunnelSession.ConnectAsync(sockets.Client, Sample.Hello(), new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());
        await server.HandshakeAsServerAsync(Sample.Welcome());
        await using var agent = await connecting;
        agent.ConnectTarget = targets.ConnectAsync;
        var run = agent.RunAsync(CancellationToken.None);

        switch (what)
        {
            case "OPEN_OK to the agent":
                await server.SendAsync(TunnelFrameType.OpenOk, 1, ReadOnlyMemory<byte>.Empty);
                break;
            case "CONTROL_RESULT to the agent":
                await server.SendAsync(TunnelFrameType.ControlResult, 0, TunnelMessages.Serialize(new ControlResultMessage(1, true)));
                break;
            case "WELCOME again":
                await server.SendAsync(TunnelFrameType.Welcome, 0, TunnelMessages.Serialize(Sample.Welcome()));
                break;
            case "OPEN with an id not above the last":
                await server.SendAsync(TunnelFrameType.Open, 5, TunnelMessages.Serialize(new OpenMessage("rtsp")));
                await server.ReceiveTypeAsync(TunnelFrameType.OpenOk);
                await server.SendAsync(TunnelFrameType.Open, 5, TunnelMessages.Serialize(new OpenMessage("rtsp")));
                break;
            case "CONTROL without an id":
                await server.SendAsync(TunnelFrameType.Control, 0, "[1,2]"u8.ToArray());
                break;
        }
        var frames = await server.ReceiveUntilCloseAsync();
        var end = await run.WaitAsync(Timeouts.Default);

        Assert.Equal(TunnelErrorCode.ProtocolError, end.Code);
        Assert.Equal((TunnelFrameType.GoAway, TunnelErrorCode.ProtocolError), (frames[^1].Type, frames[^1].ErrorCode));
    }

    [Fact]
    public async Task A_bad_hello_is_refused_with_goaway_and_an_exception()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());

        await agent.SendAsync(TunnelFrameType.Hello, 0, """{"agentId":"","version":"1","targets":[]}"""u8.ToArray());

        var e = await Assert.ThrowsAsync<TunnelProtocolException>(() => accepting);
        Assert.Contains("agentId", e.Message);
        var frames = await agent.ReceiveUntilCloseAsync();
        Assert.Equal((TunnelFrameType.GoAway, TunnelErrorCode.ProtocolError), (frames[^1].Type, frames[^1].ErrorCode));
    }

    [Fact]
    public async Task A_first_frame_other_than_hello_is_refused()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());

        await agent.SendAsync(b => TunnelFrameWriter.WritePing(b, 1));

        var e = await Assert.ThrowsAsync<TunnelProtocolException>(() => accepting);
        Assert.Equal("expected Hello, got Ping", e.Message);
    }

    [Fact]
    public async Task No_hello_within_the_handshake_timeout_is_refused()
    {
        var clock = new ManualTimeProvider();
        await using var sockets = await WebSocketPair.CreateAsync();
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions(), clock, Timeouts.Token());

        await clock.WaitForTimersAsync(1);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(accepting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        var e = await Assert.ThrowsAsync<TunnelProtocolException>(() => accepting.WaitAsync(Timeouts.Default));
        Assert.Equal("no HELLO within 10 s", e.Message);
    }

    [Fact]
    public async Task A_goaway_instead_of_welcome_fails_the_connect_with_its_code()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var server = new RawPeer(sockets.Server);
        var connecting = TunnelSession.ConnectAsync(sockets.Client, Sample.Hello(), new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());

        Assert.Equal(TunnelFrameType.Hello, (await server.ReceiveAsync()).Type);
        await server.SendAsync(b => TunnelFrameWriter.WriteGoAway(b, TunnelErrorCode.Revoked, "agent deleted"));

        var e = await Assert.ThrowsAsync<TunnelSessionClosedException>(() => connecting);
        Assert.Equal(TunnelErrorCode.Revoked, e.Code);
        Assert.Contains("agent deleted", e.Message);
    }

    [Fact]
    public async Task A_bad_welcome_fails_the_connect()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var server = new RawPeer(sockets.Server);
        var connecting = TunnelSession.ConnectAsync(sockets.Client, Sample.Hello(), new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());

        await server.ReceiveAsync();
        await server.SendAsync(TunnelFrameType.Welcome, 0, TunnelMessages.Serialize(Sample.Welcome(initialWindow: 0)));

        var e = await Assert.ThrowsAsync<TunnelProtocolException>(() => connecting);
        Assert.Contains("initialWindow", e.Message);
    }

    [Fact]
    public async Task A_protocol_error_on_one_session_leaves_another_untouched()
    {
        await using var echo = new EchoTargets();
        await using var healthy = await SessionPair.StartAsync(echo.ConnectAsync);
        await using var sockets = await WebSocketPair.CreateAsync();
        var bad = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());
        await bad.HandshakeAsAgentAsync();
        await using var broken = await accepting;
        var run = broken.RunAsync(CancellationToken.None);

        await bad.SendMessageAsync(new byte[] { 9, 9, 9 });
        await bad.ReceiveUntilCloseAsync();
        await run.WaitAsync(Timeouts.Default);

        await using var stream = await healthy.Server.OpenStreamAsync("rtsp", Timeouts.Token());
        await stream.WriteAsync("ok"u8.ToArray(), Timeouts.Token());
        var reply = new byte[2];
        await stream.ReadExactlyAsync(reply, Timeouts.Token());
        Assert.Equal("ok", Encoding.ASCII.GetString(reply));
    }

    private static async Task SendBadAsync(RawPeer agent, string what)
    {
        switch (what)
        {
            case "garbage":
                await agent.SendMessageAsync(new byte[] { 1, 2, 3, 4, 5 });
                break;
            case "empty message":
                await agent.SendMessageAsync(ReadOnlyMemory<byte>.Empty);
                break;
            case "text message":
                await agent.SendMessageAsync("hello"u8.ToArray(), WebSocketMessageType.Text);
                break;
            case "oversize message":
                // A PING header (8 bytes) followed by 200 KB: refused without buffering the rest.
                var oversize = new byte[200_000];
                Frames.Write(b => TunnelFrameWriter.WritePing(b, 1)).CopyTo(oversize, 0);
                await agent.SendMessageAsync(oversize);
                break;
            case "oversize length in header":
                await agent.SendMessageAsync(Frames.Raw(TunnelFrameType.Data, 1, 199_988));
                break;
            case "fragmented oversize message":
                // A valid CONTROL header and payload, but the message goes on in a further fragment.
                await agent.Socket.SendAsync(Frames.Raw(TunnelFrameType.Control, 0, 16384), WebSocketMessageType.Binary, false, Timeouts.Token());
                await agent.Socket.SendAsync(new byte[70_000], WebSocketMessageType.Binary, true, Timeouts.Token());
                break;
            case "unknown type":
                await agent.SendMessageAsync(Frames.Raw(1, 0x20, 0, 0, 0, []));
                break;
            case "unknown version":
                await agent.SendMessageAsync(Frames.Raw(2, (byte)TunnelFrameType.Ping, 0, 0, 8, new byte[8]));
                break;
            case "length mismatch":
                await agent.SendMessageAsync(Frames.Raw(1, (byte)TunnelFrameType.Ping, 0, 0, 8, new byte[7]));
                break;
            case "DATA on a stream never opened":
                await agent.SendAsync(TunnelFrameType.Data, 5, new byte[10]);
                break;
            case "HELLO again":
                await agent.SendAsync(TunnelFrameType.Hello, 0, TunnelMessages.Serialize(Sample.Hello()));
                break;
            case "OPEN from the agent":
                await agent.SendAsync(TunnelFrameType.Open, 1, TunnelMessages.Serialize(new OpenMessage("rtsp")));
                break;
            case "CONTROL from the agent":
                await agent.SendAsync(TunnelFrameType.Control, 0, TunnelMessages.Serialize(new ControlRequestMessage(1, "restart")));
                break;
            case "bad CONTROL_RESULT":
                await agent.SendAsync(TunnelFrameType.ControlResult, 0, "{\"id\":\"x\"}"u8.ToArray());
                break;
            case "session frame on a stream":
                await agent.SendMessageAsync(Frames.Raw(TunnelFrameType.Ping, 3, 8));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(what), what, null);
        }
    }
}
