using CameraCloud.Codecs.Tunnel;
using CameraCloud.Tunnel.Tests.Infrastructure;

namespace CameraCloud.Tunnel.Tests.Sessions;

public class FlowControlTests
{
    private const int Window = 256 * 1024;
    private const int Chunk = 16 * 1024;

    [Fact]
    public async Task A_stream_nobody_reads_stops_its_writer_after_exactly_the_window_while_another_stream_keeps_flowing()
    {
        // The agent's splice reads the camera 16 KiB at a time. After Window/Chunk writes the credit
        // is gone: it reads once more, then its write waits. No further read may happen.
        int blockedAtRead = Window / Chunk + 1;
        var camera = new ProducerStream(new Pattern(seed: 1), Chunk, blockedAtRead);
        await using var echo = new EchoTargets();
        await using var pair = await SessionPair.StartAsync(
            (target, ct) => target == "video" ? Task.FromResult<Stream>(camera) : echo.ConnectAsync(target, ct),
            serverOptions: new TunnelSessionOptions { InitialWindow = Window });
        var ct = Timeouts.Token(Timeouts.Bulk);

        await using var stalled = await pair.Server.OpenStreamAsync("video", ct);
        await camera.Reached.WaitAsync(Timeouts.Default);

        // A second stream on the same session moves 8 MB (32 windows) meanwhile.
        var pattern = new Pattern(seed: 2);
        await using (var busy = await pair.Server.OpenStreamAsync("rtsp", ct))
        {
            var reading = pattern.ReadToEndAsync(busy, ct);
            await pattern.WriteAsync(busy, 8 * 1024 * 1024, 65536, ct);
            await busy.CompleteWritesAsync(ct);
            Assert.Equal(8 * 1024 * 1024, await reading);
        }

        // Everything the stalled stream sent was queued before the busy stream's data, so it has
        // all arrived by now: exactly one window, and the camera was not read again.
        Assert.Equal(Window, stalled.BytesReceived);
        var agentSide = Assert.Single(pair.Agent.GetStats().OpenStreams, s => s.StreamId == stalled.StreamId);
        Assert.Equal(Window, agentSide.BytesSent);
        Assert.Equal(blockedAtRead, camera.Reads);

        // Reading gives credit back and the camera's bytes flow again, unchanged and in order.
        var video = new Pattern(seed: 1);
        var buffer = new byte[4 * Window];
        await stalled.ReadExactlyAsync(buffer, ct);
        Assert.True(video.Matches(buffer, 0));
        Assert.True(camera.Reads > blockedAtRead);
    }

    [Fact]
    public async Task A_writer_blocked_on_credit_does_not_block_a_writer_on_another_stream_of_the_same_side()
    {
        await using var targets = new HeldTargets();
        await using var pair = await SessionPair.StartAsync(targets.ConnectAsync, serverOptions: new TunnelSessionOptions { InitialWindow = Window });
        var ct = Timeouts.Token(Timeouts.Bulk);

        await using var stalled = await pair.Server.OpenStreamAsync("rtsp", ct);
        var stalledCamera = await targets.NextAsync();
        await using var other = await pair.Server.OpenStreamAsync("rtsp", ct);
        var otherCamera = await targets.NextAsync();

        // Far more than the window plus every socket buffer: the write must end up waiting for credit.
        var blocked = stalled.WriteAsync(new byte[64 * 1024 * 1024], ct).AsTask();
        var payload = new byte[4 * 1024 * 1024];
        var received = otherCamera.ReadExactlyAsync(new byte[payload.Length], ct).AsTask();
        await other.WriteAsync(payload, ct);
        await received;

        Assert.False(blocked.IsCompleted);
        await stalled.DisposeAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => blocked.WaitAsync(Timeouts.Default));
        GC.KeepAlive(stalledCamera);
    }

    [Fact]
    public async Task Data_beyond_the_window_the_agent_granted_resets_the_stream_with_flow_control()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        await using var targets = new HeldTargets();
        var server = new RawPeer(sockets.Server);
        var connecting = TunnelSession.ConnectAsync(sockets.Client, Sample.Hello(), new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());
        await server.HandshakeAsServerAsync(Sample.Welcome(initialWindow: 1024));
        await using var agent = await connecting;
        agent.ConnectTarget = targets.ConnectAsync;
        var run = agent.RunAsync(CancellationToken.None);

        await server.SendAsync(TunnelFrameType.Open, 1, TunnelMessages.Serialize(new OpenMessage("rtsp")));
        Assert.Equal(TunnelFrameType.OpenOk, (await server.ReceiveSkippingPingsAsync()).Type);
        await server.SendAsync(TunnelFrameType.Data, 1, new byte[1025]);

        var reset = await server.ReceiveSkippingPingsAsync();
        Assert.Equal((TunnelFrameType.Reset, 1u, TunnelErrorCode.FlowControl), (reset.Type, reset.StreamId, reset.ErrorCode));
        // Only the stream is gone: the session still answers.
        await server.SendAsync(b => TunnelFrameWriter.WritePing(b, 77));
        var pong = await server.ReceiveTypeAsync(TunnelFrameType.Pong);
        Assert.Equal(77ul, TunnelFrameParser.ReadOpaque(pong.Payload));
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task Window_credit_beyond_16_MiB_resets_the_stream_with_flow_control()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        await using var targets = new HeldTargets();
        var server = new RawPeer(sockets.Server);
        var connecting = TunnelSession.ConnectAsync(sockets.Client, Sample.Hello(), new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());
        await server.HandshakeAsServerAsync(Sample.Welcome(initialWindow: 1024));
        await using var agent = await connecting;
        agent.ConnectTarget = targets.ConnectAsync;
        var run = agent.RunAsync(CancellationToken.None);

        await server.SendAsync(TunnelFrameType.Open, 1, TunnelMessages.Serialize(new OpenMessage("rtsp")));
        Assert.Equal(TunnelFrameType.OpenOk, (await server.ReceiveSkippingPingsAsync()).Type);
        await server.SendAsync(b => TunnelFrameWriter.WriteWindow(b, 1, TunnelLimits.MaxWindow));

        var reset = await server.ReceiveSkippingPingsAsync();
        Assert.Equal((TunnelFrameType.Reset, 1u, TunnelErrorCode.FlowControl), (reset.Type, reset.StreamId, reset.ErrorCode));
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task Data_beyond_the_window_the_server_granted_fails_the_servers_reader_with_flow_control()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions { InitialWindow = 4096 }, TimeProvider.System, Timeouts.Token());
        await agent.HandshakeAsAgentAsync();
        await using var server = await accepting;
        var run = server.RunAsync(CancellationToken.None);

        var opening = server.OpenStreamAsync("rtsp", Timeouts.Token());
        var open = await agent.ReceiveSkippingPingsAsync();
        await agent.SendAsync(TunnelFrameType.OpenOk, open.StreamId, ReadOnlyMemory<byte>.Empty);
        await using var stream = await opening;
        await agent.SendAsync(TunnelFrameType.Data, open.StreamId, new byte[4096]);
        await agent.SendAsync(TunnelFrameType.Data, open.StreamId, new byte[1]);

        var reset = await agent.ReceiveSkippingPingsAsync();
        Assert.Equal((TunnelFrameType.Reset, TunnelErrorCode.FlowControl), (reset.Type, reset.ErrorCode));
        var e = await Assert.ThrowsAsync<TunnelStreamException>(async () => await stream.ReadExactlyAsync(new byte[10], Timeouts.Token()));
        Assert.Equal(TunnelErrorCode.FlowControl, e.Code);
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task Credit_is_returned_as_the_application_reads_in_batches()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions { InitialWindow = 1 << 20 }, TimeProvider.System, Timeouts.Token());
        await agent.HandshakeAsAgentAsync();
        await using var server = await accepting;
        _ = server.RunAsync(CancellationToken.None);
        var opening = server.OpenStreamAsync("rtsp", Timeouts.Token());
        var open = await agent.ReceiveSkippingPingsAsync();
        await agent.SendAsync(TunnelFrameType.OpenOk, open.StreamId, ReadOnlyMemory<byte>.Empty);
        await using var stream = await opening;

        // 200 KiB arrive; nothing is returned until the application reads.
        for (int i = 0; i < 4; i++)
        {
            await agent.SendAsync(TunnelFrameType.Data, open.StreamId, new byte[50 * 1024]);
        }
        // The application reads 100 KiB: one WINDOW for the first 64 KiB batch.
        await stream.ReadExactlyAsync(new byte[100 * 1024], Timeouts.Token());
        var window = await agent.ReceiveSkippingPingsAsync();
        Assert.Equal((TunnelFrameType.Window, open.StreamId), (window.Type, window.StreamId));
        Assert.Equal(100u * 1024, TunnelFrameParser.ReadWindowIncrement(window.Payload));
    }
}
