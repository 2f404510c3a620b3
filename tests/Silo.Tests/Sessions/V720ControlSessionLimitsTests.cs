using System.IO.Pipelines;
using CameraCloud.Codecs.V720;
using CameraCloud.Silo.Tests.Runtime;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>What garbage, silence and a camera that stops reading do to one control connection.</summary>
public sealed class V720ControlSessionLimitsTests
{
    [Fact]
    public async Task A_header_announcing_more_than_MaxControlPayload_ends_the_session_and_the_camera_goes_offline()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();
        byte[] header = new byte[V720Header.Size];
        new V720Header((uint)harness.Options.MaxControlPayload + 1, V720Cmd.Json, 0, 0, 0, 0).Write(header);

        // The header alone: the session must not wait for a body it would refuse anyway.
        await harness.Camera.SendAsync(header);

        await harness.WaitForEndAsync();
        Assert.False((await harness.GetCameraAsync())!.Online);
        Assert.Null(harness.Registry.Find(CapturedBytes.Uid));
        Assert.Contains(harness.CloseMessages, m => m.Contains("invalid framing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_header_announcing_exactly_MaxControlPayload_is_read()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();
        byte[] payload = new byte[harness.Options.MaxControlPayload];
        Array.Fill(payload, (byte)' ');
        "{\"code\":999}"u8.CopyTo(payload);

        await harness.Camera.SendAsync(V720Writer.ToArray(V720Cmd.Json, payload, forwardId: 0));

        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        Assert.False(harness.Run.IsCompleted);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"code\"")]
    [InlineData("42")]
    [InlineData("{\"code\":")]
    [InlineData("")]
    public async Task A_json_payload_that_is_not_an_object_is_ignored_and_the_session_goes_on(string payload)
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();

        await harness.Camera.SendJsonAsync(payload);

        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        Assert.True((await harness.GetCameraAsync())!.Online);
        Assert.Single(harness.Log.Messages("V720ControlJsonInvalid"));
    }

    [Fact]
    public async Task Silence_for_ControlIdleTimeout_ends_the_session_and_each_message_restarts_the_count()
    {
        await using var harness = ControlSessionHarness.Start();
        TimeSpan idle = harness.Options.ControlIdleTimeout;
        TimeSpan almost = idle - TimeSpan.FromSeconds(1);
        // The read loop re-arms its idle timer after each message; advancing before that would move the goal.
        await ExchangeAsync(harness, CapturedBytes.RegisterRequest, CapturedBytes.RegisterResponse);

        harness.Clock.Advance(almost);
        await ExchangeAsync(harness, CapturedBytes.Heartbeat, CapturedBytes.HeartbeatReply);
        harness.Clock.Advance(almost);
        await ExchangeAsync(harness, CapturedBytes.Heartbeat, CapturedBytes.HeartbeatReply);
        Assert.False(harness.Run.IsCompleted);

        harness.Clock.Advance(idle);

        await harness.WaitForEndAsync();
        Assert.False((await harness.GetCameraAsync())!.Online);
        Assert.Contains(harness.CloseMessages, m => m.Contains("no message for 30 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_camera_that_stops_reading_is_disconnected_once_MaxQueuedControlMessages_are_waiting()
    {
        // Writes back up after 64 unread bytes: the 101 (45 bytes) fits, the first heartbeat answer does not.
        var backedUp = new PipeOptions(pauseWriterThreshold: 64, resumeWriterThreshold: 32);
        await using var harness = ControlSessionHarness.Start(o => o.MaxQueuedControlMessages = 4, backedUp);
        await harness.Camera.SendAsync(CapturedBytes.RegisterRequest);

        // Each heartbeat queues one answer the camera never reads; how many the writer took before it
        // blocked depends on scheduling, so send until the session gives up (bounded).
        for (int i = 0; i < 1000 && !harness.Run.IsCompleted; i++)
        {
            await harness.Camera.SendHeartbeatAsync();
        }

        await harness.WaitForEndAsync();
        Assert.Contains(harness.CloseMessages, m => m.Contains("camera not reading (4 messages queued)", StringComparison.Ordinal));
        Assert.False((await harness.GetCameraAsync())!.Online);
        Assert.Null(harness.Registry.Find(CapturedBytes.Uid));
    }

    [Fact]
    public async Task A_camera_that_falls_behind_within_the_queue_bound_keeps_its_connection()
    {
        var backedUp = new PipeOptions(pauseWriterThreshold: 64, resumeWriterThreshold: 32);
        await using var harness = ControlSessionHarness.Start(o => o.MaxQueuedControlMessages = 4, backedUp);

        // 101 plus three answers: one in the blocked writer at most, the rest queued, under the bound of 4.
        await harness.Camera.SendAsync((byte[])[.. CapturedBytes.RegisterRequest, .. CapturedBytes.Heartbeat, .. CapturedBytes.Heartbeat, .. CapturedBytes.Heartbeat]);

        Assert.Equal(CapturedBytes.RegisterResponse, await harness.Camera.ReceiveBytesAsync());
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(CapturedBytes.HeartbeatReply, await harness.Camera.ReceiveBytesAsync());
        }

        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        Assert.False(harness.Run.IsCompleted);
        Assert.True((await harness.GetCameraAsync())!.Online);
    }

    /// <summary>Sends one message, checks the answer and waits until the session re-armed its idle timer.</summary>
    private static async Task ExchangeAsync(ControlSessionHarness harness, byte[] request, byte[] expectedAnswer)
    {
        Task rearmed = harness.Clock.WaitForNextArmAsync();
        await harness.Camera.SendAsync(request);
        Assert.Equal(expectedAnswer, await harness.Camera.ReceiveBytesAsync());
        await Wait.For(rearmed);
    }
}
