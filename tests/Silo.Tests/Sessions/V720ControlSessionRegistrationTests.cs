using CameraCloud.Silo.Tests.Runtime;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>§4.1 registration, §5.1 heartbeats and §3.1 TCP framing, over in-memory pipes.</summary>
public sealed class V720ControlSessionRegistrationTests
{
    [Fact]
    public async Task A_register_is_answered_with_101_and_the_grain_shows_the_camera_online()
    {
        await using var harness = ControlSessionHarness.Start();

        await harness.Camera.SendAsync(CapturedBytes.RegisterRequest);

        Assert.Equal(CapturedBytes.RegisterResponse, await harness.Camera.ReceiveBytesAsync());
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        var info = await harness.GetCameraAsync();
        Assert.NotNull(info);
        Assert.True(info.Online);
        Assert.Equal(ControlSessionHarness.RemoteEndPoint, info.RemoteEndPoint);
        Assert.Same(harness.Session, harness.Registry.Find(CapturedBytes.Uid));
        Assert.Equal(CapturedBytes.NormalizedUid, harness.Session.CameraId);
        Assert.Contains(CapturedBytes.NormalizedUid, await Wait.For(harness.Silo.Index.ListAsync(0, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task A_heartbeat_is_answered_with_a_20_byte_heartbeat()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();

        await harness.Camera.SendHeartbeatAsync();

        Assert.Equal(CapturedBytes.HeartbeatReply, await harness.Camera.ReceiveBytesAsync());
    }

    [Fact]
    public async Task A_register_written_one_byte_at_a_time_is_still_answered()
    {
        await using var harness = ControlSessionHarness.Start();

        await harness.Camera.SendByteByByteAsync(CapturedBytes.RegisterRequest);

        Assert.Equal(CapturedBytes.RegisterResponse, await harness.Camera.ReceiveBytesAsync());
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        Assert.True((await harness.GetCameraAsync())?.Online);
    }

    [Fact]
    public async Task Two_messages_in_one_write_are_both_handled_in_order()
    {
        await using var harness = ControlSessionHarness.Start();

        await harness.Camera.SendAsync((byte[])[.. CapturedBytes.RegisterRequest, .. CapturedBytes.Heartbeat]);

        Assert.Equal(CapturedBytes.RegisterResponse, await harness.Camera.ReceiveBytesAsync());
        Assert.Equal(CapturedBytes.HeartbeatReply, await harness.Camera.ReceiveBytesAsync());
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("0800c00128F80800c00128F80800c00128F80800")]
    [InlineData("")]
    public async Task A_register_with_an_invalid_uid_is_refused_and_the_session_goes_on(string uid)
    {
        await using var harness = ControlSessionHarness.Start();

        await harness.Camera.SendRegisterAsync(uid);

        // No 101: the next message out is the answer to the heartbeat sent after the register.
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        Assert.Null(harness.Session.CameraId);
        Assert.Equal(0, harness.Registry.Count);
        Assert.Single(harness.Log.Messages("V720RegisterRejected"));

        await harness.Camera.SendAsync(CapturedBytes.RegisterRequest);
        Assert.Equal(CapturedBytes.RegisterResponse, await harness.Camera.ReceiveBytesAsync());
        Assert.False(harness.Run.IsCompleted);
    }
}
