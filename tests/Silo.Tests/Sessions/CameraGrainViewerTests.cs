using CameraCloud.Silo.Tests.Storage;
using static CameraCloud.Silo.Tests.Sessions.CameraGrainFixture;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>Stream on demand: the first viewer starts the camera, the last one stops it after a grace period.</summary>
public sealed class CameraGrainViewerTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_first_viewer_starts_the_stream_once_and_the_last_one_stops_it_after_the_grace_period()
    {
        await using var silo = CameraSilo.Create(_folder.Path, Settings(stopGrace: Grace));
        var link = Link(1);
        await ConnectAsync(silo, link);

        var first = await WatchAsync(silo);
        Assert.Equal(1, link.Count(LinkCall.Start));
        var second = await WatchAsync(silo);
        Assert.Equal(1, link.Count(LinkCall.Start));
        Assert.Equal(2, (await InfoAsync(silo)).Live.Viewers);

        await first.DisposeAsync();
        await second.DisposeAsync();
        silo.Time.Advance(Grace - OneTick);

        var waiting = await InfoAsync(silo);
        Assert.Equal(0, link.Count(LinkCall.Stop));
        Assert.Equal(0, waiting.Live.Viewers);
        Assert.True(waiting.Live.StreamRequested);

        silo.Time.Advance(OneTick);

        await link.WaitForAsync(LinkCall.Stop);
        var stopped = await InfoAsync(silo);
        Assert.False(stopped.Live.StreamRequested);
        Assert.Equal(1, link.Count(LinkCall.Stop));
        Assert.Equal(1, link.Count(LinkCall.Start));
    }

    [Fact]
    public async Task A_viewer_joining_inside_the_grace_period_cancels_the_stop()
    {
        await using var silo = CameraSilo.Create(_folder.Path, Settings(stopGrace: Grace));
        var link = Link(1);
        await ConnectAsync(silo, link);
        await (await WatchAsync(silo)).DisposeAsync();
        silo.Time.Advance(Grace / 2);

        var again = await WatchAsync(silo);
        silo.Time.Advance(Grace * 4);

        var info = await InfoAsync(silo);
        Assert.Equal(0, link.Count(LinkCall.Stop));
        Assert.Equal(1, link.Count(LinkCall.Start));
        Assert.True(info.Live.StreamRequested);

        // Leaving again gives a fresh full grace period.
        await again.DisposeAsync();
        silo.Time.Advance(Grace - OneTick);
        await InfoAsync(silo);
        Assert.Equal(0, link.Count(LinkCall.Stop));
        silo.Time.Advance(OneTick);
        await link.WaitForAsync(LinkCall.Stop);
    }

    [Fact]
    public async Task Frames_fan_out_to_every_viewer_and_a_slow_one_loses_only_its_own_oldest()
    {
        const int Queue = 5;
        const int Frames = 12;
        await using var silo = CameraSilo.Create(_folder.Path, Settings(videoQueue: Queue));
        await ConnectAsync(silo, Link(1));
        var fast = await WatchAsync(silo);
        var slow = await WatchAsync(silo);

        var fastGot = new List<long>();
        for (long sequence = 1; sequence <= Frames; sequence++)
        {
            await FrameAsync(silo, sequence);
            Assert.True(fast.Reader.TryRead(out var frame));
            fastGot.Add(frame.Sequence);
        }

        var slowGot = new List<long>();
        while (slow.Reader.TryRead(out var frame))
        {
            slowGot.Add(frame.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, Frames).Select(i => (long)i), fastGot);
        Assert.Equal(Enumerable.Range(Frames - Queue + 1, Queue).Select(i => (long)i), slowGot);
        Assert.Equal(0, fast.Dropped);
        Assert.Equal(Frames - Queue, slow.Dropped);
        var live = (await InfoAsync(silo)).Live;
        Assert.Equal(Frames, live.FramesReceived);
        Assert.Equal(Frames - Queue, live.FramesDroppedForSlowViewers);

        // What a viewer lost stays counted after it left.
        await slow.DisposeAsync();
        Assert.Equal(Frames - Queue, (await InfoAsync(silo)).Live.FramesDroppedForSlowViewers);
    }
}
