using System.Net.Sockets;
using System.Text;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.Tunnel.Tests.Infrastructure;

namespace CameraCloud.Tunnel.Tests.Sessions;

/// <summary>Streams between a real server session and a real agent session over a loopback WebSocket.</summary>
public class StreamTests
{
    [Fact]
    public async Task Handshake_gives_each_side_what_the_other_said()
    {
        var options = new TunnelSessionOptions { PingInterval = TimeSpan.FromSeconds(20), PingTimeout = TimeSpan.FromSeconds(60), MaxStreams = 7, InitialWindow = 300_000 };
        await using var pair = await SessionPair.StartAsync(serverOptions: options, hello: Sample.Hello("cam-42"));

        Assert.Equal("cam-42", pair.Server.Hello!.AgentId);
        Assert.Equal(Sample.Hello().Targets, pair.Server.Hello.Targets);
        var welcome = pair.Agent.Welcome!;
        Assert.Equal(pair.Server.Welcome!.SessionId, welcome.SessionId);
        Assert.False(string.IsNullOrEmpty(welcome.SessionId));
        Assert.Equal(new ServerWelcomeMessage(welcome.SessionId, 20, 60, 7, 300_000, 65536), welcome);
        Assert.True(pair.Server.IsServer);
        Assert.False(pair.Agent.IsServer);
    }

    [Fact]
    public async Task Data_is_echoed_both_ways_through_a_stream()
    {
        await using var echo = new EchoTargets();
        await using var pair = await SessionPair.StartAsync(echo.ConnectAsync);

        await using var stream = await pair.Server.OpenStreamAsync("rtsp", Timeouts.Token());
        var request = "OPTIONS rtsp://cam/ RTSP/1.0\r\n\r\n"u8.ToArray();
        await stream.WriteAsync(request, Timeouts.Token());
        var reply = new byte[request.Length];
        await stream.ReadExactlyAsync(reply, Timeouts.Token());

        Assert.Equal("OPTIONS rtsp://cam/ RTSP/1.0\r\n\r\n", Encoding.ASCII.GetString(reply));
        Assert.Equal("rtsp", stream.Target);
        Assert.Equal(1u, stream.StreamId);
    }

    [Fact]
    public async Task Fifty_megabytes_pass_through_one_stream_unchanged()
    {
        const long total = 50L * 1024 * 1024;
        await using var echo = new EchoTargets();
        await using var pair = await SessionPair.StartAsync(echo.ConnectAsync);
        var pattern = new Pattern(seed: 50);
        var ct = Timeouts.Token(Timeouts.Bulk);

        await using var stream = await pair.Server.OpenStreamAsync("rtsp", ct);
        var reading = pattern.ReadToEndAsync(stream, ct);
        // Odd chunk size: frames and reads never line up with the pattern's block.
        await pattern.WriteAsync(stream, total, 100_003, ct);
        await stream.CompleteWritesAsync(ct);

        Assert.Equal(total, await reading);
        Assert.Equal(total, stream.BytesSent);
        Assert.Equal(total, stream.BytesReceived);
    }

    [Fact]
    public async Task Many_concurrent_streams_each_get_their_own_bytes_back()
    {
        const int streams = 32;
        const long each = 1024 * 1024;
        await using var echo = new EchoTargets();
        await using var pair = await SessionPair.StartAsync(echo.ConnectAsync);
        var ct = Timeouts.Token(Timeouts.Bulk);

        var results = await Task.WhenAll(Enumerable.Range(0, streams).Select(async i =>
        {
            var pattern = new Pattern(seed: i);
            await using var stream = await pair.Server.OpenStreamAsync("rtsp", ct);
            var reading = pattern.ReadToEndAsync(stream, ct);
            await pattern.WriteAsync(stream, each, 7_000 + i, ct);
            await stream.CompleteWritesAsync(ct);
            return await reading;
        }));

        Assert.All(results, n => Assert.Equal(each, n));
        Assert.Equal(streams, echo.Connections);
        Assert.Equal(streams, pair.Server.GetStats().StreamsOpened);
    }

    [Fact]
    public async Task Close_from_the_server_half_closes_and_data_still_flows_back()
    {
        await using var targets = new HeldTargets();
        await using var pair = await SessionPair.StartAsync(targets.ConnectAsync);
        var ct = Timeouts.Token();

        await using var stream = await pair.Server.OpenStreamAsync("rtsp", ct);
        var camera = await targets.NextAsync();
        await stream.WriteAsync("request"u8.ToArray(), ct);
        await stream.CompleteWritesAsync(ct);

        // The camera sees the request, then the end of its input…
        Assert.Equal("request", Encoding.ASCII.GetString(await ReadToEndAsync(camera, ct)));
        // …and can still answer, then close; the server reads the answer, then the end.
        await camera.WriteAsync("response"u8.ToArray(), ct);
        camera.Socket.Shutdown(SocketShutdown.Send);
        Assert.Equal("response", Encoding.ASCII.GetString(await ReadToEndAsync(stream, ct)));
    }

    [Fact]
    public async Task Close_from_the_target_half_closes_and_data_still_flows_to_it()
    {
        await using var targets = new HeldTargets();
        await using var pair = await SessionPair.StartAsync(targets.ConnectAsync);
        var ct = Timeouts.Token();

        await using var stream = await pair.Server.OpenStreamAsync("rtsp", ct);
        var camera = await targets.NextAsync();
        await camera.WriteAsync("banner"u8.ToArray(), ct);
        camera.Socket.Shutdown(SocketShutdown.Send);

        Assert.Equal("banner", Encoding.ASCII.GetString(await ReadToEndAsync(stream, ct)));
        await stream.WriteAsync("still listening?"u8.ToArray(), ct);
        await stream.CompleteWritesAsync(ct);
        Assert.Equal("still listening?", Encoding.ASCII.GetString(await ReadToEndAsync(camera, ct)));
    }

    [Fact]
    public async Task A_stream_closed_both_ways_leaves_the_open_list_and_frees_its_slot()
    {
        await using var targets = new HeldTargets();
        await using var pair = await SessionPair.StartAsync(targets.ConnectAsync, serverOptions: new TunnelSessionOptions { MaxStreams = 1 });
        var ct = Timeouts.Token();

        await using (var stream = await pair.Server.OpenStreamAsync("rtsp", ct))
        {
            var camera = await targets.NextAsync();
            await stream.CompleteWritesAsync(ct);
            Assert.Empty(await ReadToEndAsync(camera, ct));
            camera.Socket.Shutdown(SocketShutdown.Send);
            Assert.Empty(await ReadToEndAsync(stream, ct));
        }

        // The slot is free once both CLOSEs are through; a second open succeeds.
        await using var second = await pair.Server.OpenStreamAsync("rtsp", ct);
        Assert.Equal(2u, second.StreamId);
    }

    [Fact]
    public async Task Unknown_target_reaches_the_server_as_that_reset_code()
    {
        await using var pair = await SessionPair.StartAsync((target, ct) =>
            throw new TunnelStreamException(TunnelErrorCode.UnknownTarget, $"no target '{target}'"));

        var e = await Assert.ThrowsAsync<TunnelStreamException>(() => pair.Server.OpenStreamAsync("ftp", Timeouts.Token()));

        Assert.Equal(TunnelErrorCode.UnknownTarget, e.Code);
        Assert.Equal("no target 'ftp'", e.Reason);
        Assert.Empty(pair.Server.GetStats().OpenStreams);
    }

    [Fact]
    public async Task A_failing_connect_reaches_the_server_as_target_unreachable()
    {
        await using var pair = await SessionPair.StartAsync((_, _) => Task.FromException<Stream>(new SocketException((int)SocketError.ConnectionRefused)));

        var e = await Assert.ThrowsAsync<TunnelStreamException>(() => pair.Server.OpenStreamAsync("rtsp", Timeouts.Token()));

        Assert.Equal(TunnelErrorCode.TargetUnreachable, e.Code);
    }

    [Fact]
    public async Task An_agent_without_targets_refuses_with_unknown_target()
    {
        await using var pair = await SessionPair.StartAsync(connectTarget: null);

        var e = await Assert.ThrowsAsync<TunnelStreamException>(() => pair.Server.OpenStreamAsync("rtsp", Timeouts.Token()));

        Assert.Equal(TunnelErrorCode.UnknownTarget, e.Code);
    }

    [Fact]
    public async Task A_connect_slower_than_the_agents_open_timeout_is_target_unreachable()
    {
        var agentOptions = new TunnelSessionOptions { OpenTimeout = TimeSpan.FromMilliseconds(200) };
        await using var pair = await SessionPair.StartAsync(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        }, agentOptions: agentOptions);

        var e = await Assert.ThrowsAsync<TunnelStreamException>(() => pair.Server.OpenStreamAsync("rtsp", Timeouts.Token()));

        Assert.Equal(TunnelErrorCode.TargetUnreachable, e.Code);
    }

    [Fact]
    public async Task A_target_connected_after_the_server_gave_up_is_closed_again()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var farEnds = new TaskCompletionSource<NetworkStream>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await SessionPair.StartAsync(async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            var (near, far) = await TcpPair.CreateStreamsAsync();
            farEnds.SetResult(far);
            return near;
        });
        var resetHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Agent.FrameHandled = h => { if (h.Type == TunnelFrameType.Reset) resetHandled.TrySetResult(); };
        using var cancel = new CancellationTokenSource();

        var opening = pair.Server.OpenStreamAsync("rtsp", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => opening);
        // The agent's connect finishes only after the RESET reached it; what it returns is closed.
        await resetHandled.Task.WaitAsync(Timeouts.Default);
        Assert.Empty(pair.Agent.GetStats().OpenStreams);
        release.SetResult();

        await using var camera = await farEnds.Task.WaitAsync(Timeouts.Default);
        Assert.Empty(await ReadToEndAsync(camera, Timeouts.Token()));
    }

    [Fact]
    public async Task Max_streams_is_enforced_by_the_server()
    {
        await using var echo = new EchoTargets();
        await using var pair = await SessionPair.StartAsync(echo.ConnectAsync, serverOptions: new TunnelSessionOptions { MaxStreams = 2 });
        var ct = Timeouts.Token();

        await using var first = await pair.Server.OpenStreamAsync("rtsp", ct);
        await using var second = await pair.Server.OpenStreamAsync("rtsp", ct);
        var e = await Assert.ThrowsAsync<TunnelStreamException>(() => pair.Server.OpenStreamAsync("rtsp", ct));

        Assert.Equal(TunnelErrorCode.TooManyStreams, e.Code);
        Assert.Equal(2, pair.Agent.Welcome!.MaxStreams);
        Assert.Equal(2, echo.Connections);
    }

    [Fact]
    public async Task Disposing_a_stream_the_peer_has_not_closed_resets_it_on_the_other_side()
    {
        await using var targets = new HeldTargets();
        await using var pair = await SessionPair.StartAsync(targets.ConnectAsync);
        var ct = Timeouts.Token();

        var stream = await pair.Server.OpenStreamAsync("rtsp", ct);
        var camera = await targets.NextAsync();
        await stream.DisposeAsync();

        // The agent's splice is reset and closes the camera connection.
        var buffer = new byte[16];
        int n;
        try
        {
            n = await camera.ReadAsync(buffer, ct);
        }
        catch (IOException)
        {
            n = 0;
        }
        Assert.Equal(0, n);
    }

    [Fact]
    public async Task Stats_count_bytes_while_a_stream_is_open()
    {
        await using var targets = new HeldTargets();
        await using var pair = await SessionPair.StartAsync(targets.ConnectAsync);
        var ct = Timeouts.Token();

        await using var stream = await pair.Server.OpenStreamAsync("rtsp", ct);
        var camera = await targets.NextAsync();
        await stream.WriteAsync(new byte[100_000], ct);
        await camera.ReadExactlyAsync(new byte[100_000], ct);
        await camera.WriteAsync(new byte[30_000], ct);
        await stream.ReadExactlyAsync(new byte[30_000], ct);

        var server = pair.Server.GetStats();
        var open = Assert.Single(server.OpenStreams);
        Assert.Equal((1u, "rtsp", 100_000L, 30_000L), (open.StreamId, open.Target, open.BytesSent, open.BytesReceived));
        Assert.Equal((100_000L, 30_000L, 1L), (server.BytesSent, server.BytesReceived, server.StreamsOpened));
        var agent = pair.Agent.GetStats();
        var agentStream = Assert.Single(agent.OpenStreams);
        Assert.Equal((30_000L, 100_000L), (agentStream.BytesSent, agentStream.BytesReceived));
        Assert.Equal((30_000L, 100_000L, 1L), (agent.BytesSent, agent.BytesReceived, agent.StreamsOpened));
        Assert.True(open.OpenedAt <= DateTimeOffset.UtcNow);
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken ct)
    {
        using var all = new MemoryStream();
        await stream.CopyToAsync(all, ct);
        return all.ToArray();
    }
}
