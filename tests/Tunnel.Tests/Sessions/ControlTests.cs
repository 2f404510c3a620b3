using System.Text.Json;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.TestSupport;
using CameraCloud.Tunnel.Tests.Infrastructure;

namespace CameraCloud.Tunnel.Tests.Sessions;

public class ControlTests
{
    [Fact]
    public async Task A_control_request_gets_the_handlers_result_with_its_id()
    {
        var seen = new List<ControlRequestMessage>();
        await using var pair = await SessionPair.StartAsync(controlHandler: (request, ct) =>
        {
            lock (seen)
            {
                seen.Add(request);
            }
            using var status = JsonDocument.Parse("""{"uptimeSeconds":5,"openStreams":0}""");
            return Task.FromResult(new ControlResultMessage(0, true, Status: status.RootElement.Clone()));
        });

        var first = await pair.Server.SendControlAsync("get-status", null, null, Timeouts.Token());
        var second = await pair.Server.SendControlAsync("update-config", [new TargetMessage("rtsp", "10.0.0.9", 554)], null, Timeouts.Token());

        Assert.True(first.Ok);
        Assert.Equal(5, first.Status!.Value.GetProperty("uptimeSeconds").GetInt32());
        Assert.Equal((1L, 2L), (first.Id, second.Id));
        Assert.Equal(new TargetMessage("rtsp", "10.0.0.9", 554), Assert.Single(seen[1].Targets!));
        Assert.Equal(["get-status", "update-config"], seen.Select(r => r.Command));
    }

    [Fact]
    public async Task An_agent_without_a_handler_answers_unsupported()
    {
        await using var pair = await SessionPair.StartAsync();

        var result = await pair.Server.SendControlAsync("restart", null, null, Timeouts.Token());

        Assert.Equal(new ControlResultMessage(1, false, "unsupported"), result);
    }

    [Fact]
    public async Task A_handler_that_throws_answers_ok_false_with_the_message()
    {
        await using var pair = await SessionPair.StartAsync(controlHandler: (_, _) => throw new InvalidOperationException("config file is read-only"));

        var result = await pair.Server.SendControlAsync("update-config", [], null, Timeouts.Token());

        Assert.False(result.Ok);
        Assert.Equal("config file is read-only", result.Error);
    }

    [Fact]
    public async Task Concurrent_requests_are_matched_by_id_even_when_answered_out_of_order()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await SessionPair.StartAsync(controlHandler: async (request, ct) =>
        {
            if (request.Command == "slow")
            {
                await release.Task.WaitAsync(ct);
            }
            return new ControlResultMessage(request.Id, true, request.Command);
        });

        var slow = pair.Server.SendControlAsync("slow", null, null, Timeouts.Token());
        var fast = await pair.Server.SendControlAsync("fast", null, null, Timeouts.Token());
        release.SetResult();

        Assert.Equal("fast", fast.Error);
        Assert.Equal("slow", (await slow).Error);
    }

    [Fact]
    public async Task An_unanswered_request_times_out()
    {
        var clock = new ManualTimeProvider();
        await using var sockets = await WebSocketPair.CreateAsync();
        var agent = new RawPeer(sockets.Client);
        var accepting = TunnelSession.AcceptAsync(sockets.Server, new TunnelSessionOptions(), clock, Timeouts.Token());
        await agent.HandshakeAsAgentAsync();
        await using var server = await accepting;
        _ = server.RunAsync(CancellationToken.None);

        var request = server.SendControlAsync("get-status", null, null, Timeouts.Token());
        var frame = await agent.ReceiveTypeAsync(TunnelFrameType.Control);
        // The pinger's timer and the request's.
        await clock.WaitForTimersAsync(2);
        clock.Advance(TimeSpan.FromSeconds(10));

        var e = await Assert.ThrowsAsync<TimeoutException>(() => request.WaitAsync(Timeouts.Default));
        Assert.Contains("get-status", e.Message);
        Assert.Equal(1, TunnelMessages.TryDeserializeControlRequest(frame.Payload, out _)!.Id);
    }

    [Fact]
    public async Task A_request_that_does_not_validate_is_answered_ok_false_not_dropped()
    {
        await using var sockets = await WebSocketPair.CreateAsync();
        var server = new RawPeer(sockets.Server);
        var connecting = TunnelSession.ConnectAsync(sockets.Client, Sample.Hello(), new TunnelSessionOptions(), TimeProvider.System, Timeouts.Token());
        await server.HandshakeAsServerAsync(Sample.Welcome());
        await using var agent = await connecting;
        agent.ControlHandler = (r, _) => Task.FromResult(new ControlResultMessage(r.Id, true));
        _ = agent.RunAsync(CancellationToken.None);

        await server.SendAsync(TunnelFrameType.Control, 0, """{"id":4,"command":"update-config","targets":[{"name":"rtsp","host":"h","port":0}]}"""u8.ToArray());

        var result = TunnelMessages.TryDeserializeControlResult((await server.ReceiveTypeAsync(TunnelFrameType.ControlResult)).Payload, out _)!;
        Assert.Equal(4, result.Id);
        Assert.False(result.Ok);
        Assert.Contains("port 0", result.Error);
    }

    [Fact]
    public async Task A_goaway_started_once_the_answer_is_queued_reaches_the_server_after_the_answer()
    {
        await using var pair = await SessionPair.StartAsync(controlHandler: (r, _) => Task.FromResult(new ControlResultMessage(r.Id, true)));
        pair.Agent.ControlAnswered = (request, result) =>
        {
            if (request.Command == "restart" && result.Ok)
            {
                _ = pair.Agent.GoAwayAsync(TunnelErrorCode.Shutdown, "restarting", CancellationToken.None);
            }
        };

        var answer = await pair.Server.SendControlAsync("restart", null, null, Timeouts.Token());

        Assert.True(answer.Ok);
        Assert.Equal(new TunnelSessionEnd(TunnelErrorCode.Shutdown, "restarting", ByPeer: true), await pair.ServerRun.WaitAsync(Timeouts.Default));
    }

    [Fact]
    public async Task The_agent_cannot_send_control_requests_nor_open_streams()
    {
        await using var pair = await SessionPair.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => pair.Agent.SendControlAsync("restart", null, null, Timeouts.Token()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => pair.Agent.OpenStreamAsync("rtsp", Timeouts.Token()));
    }
}
