using CameraCloud.Edge.V720;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>
/// Stop timing on the session's manual clock: 301/0 never goes out sooner than MinStartToStop after 301/3
/// (some firmware wedges on a stop right after a start), and a new start cancels a stop still waiting.
/// </summary>
public sealed class V720ControlSessionStopTests
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task A_stop_right_after_301_3_waits_for_MinStartToStop_then_sends_one_301_0()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();
        string target = await StartedStream.StartAsync(harness);
        TimeSpan min = harness.Options.MinStartToStop;

        await harness.Session.StopStreamAsync(CancellationToken.None);
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        harness.Clock.Advance(min - OneTick);
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();

        harness.Clock.Advance(OneTick);

        Assert.Equal(target, await harness.Camera.ReceiveForwardAsync("""{"code":0}"""));
        harness.Clock.Advance(min * 10);
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        Assert.Equal(V720StreamPhase.Idle, harness.Session.Phase);
    }

    [Fact]
    public async Task A_start_before_the_delayed_stop_cancels_it()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();
        await StartedStream.StartAsync(harness);
        TimeSpan min = harness.Options.MinStartToStop;
        await harness.Session.StopStreamAsync(CancellationToken.None);
        harness.Clock.Advance(min / 2);

        await harness.Session.StartStreamAsync(CancellationToken.None);

        Assert.Equal(11, (await harness.Camera.ReceiveJsonAsync()).GetProperty("code").GetInt32());
        harness.Clock.Advance(min * 10);
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        Assert.Equal(V720StreamPhase.AwaitingProbe, harness.Session.Phase);

        // The restarted sequence runs on as usual.
        harness.Session.OnProbeResponse();
        Assert.Equal(53, (await harness.Camera.ReceiveJsonAsync()).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_stop_long_after_the_start_goes_out_at_once()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();
        string target = await StartedStream.StartAsync(harness);
        harness.Clock.Advance(harness.Options.MinStartToStop * 3);

        await harness.Session.StopStreamAsync(CancellationToken.None);

        Assert.Equal(target, await harness.Camera.ReceiveForwardAsync("""{"code":0}"""));
        Assert.Equal(V720StreamPhase.Idle, harness.Session.Phase);
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
    }

    [Fact]
    public async Task A_stop_without_a_stream_sends_nothing()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();

        await harness.Session.StopStreamAsync(CancellationToken.None);

        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
    }
}
