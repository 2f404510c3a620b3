using CameraCloud.Silo.Tests.Storage;
using static CameraCloud.Silo.Tests.Sessions.CameraGrainFixture;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>The §5.2 watchdog: viewers waiting and no frame for WatchdogTimeout re-runs the start.</summary>
public sealed class CameraGrainWatchdogTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task No_frame_for_WatchdogTimeout_restarts_the_stream_and_counts_it()
    {
        await using var silo = CameraSilo.Create(_folder.Path, Settings(watchdogTimeout: Timeout, watchdogInterval: Interval));
        var link = Link(1);
        await ConnectAsync(silo, link);
        await using var viewer = await WatchAsync(silo);

        // One interval at a time, each followed by a call that runs after the tick's turn.
        for (int second = 1; second < 5; second++)
        {
            silo.Time.Advance(Interval);
            Assert.Equal(0, (await InfoAsync(silo)).Live.WatchdogRestarts);
        }

        Assert.Equal(1, link.Count(LinkCall.Start));
        silo.Time.Advance(Interval);

        Assert.Equal(1, (await InfoAsync(silo)).Live.WatchdogRestarts);
        Assert.Equal(2, link.Count(LinkCall.Start));

        // The restart is the new reference point: the next one comes a whole timeout later.
        for (int second = 1; second < 5; second++)
        {
            silo.Time.Advance(Interval);
            Assert.Equal(1, (await InfoAsync(silo)).Live.WatchdogRestarts);
        }

        silo.Time.Advance(Interval);
        Assert.Equal(2, (await InfoAsync(silo)).Live.WatchdogRestarts);
        Assert.Equal(3, link.Count(LinkCall.Start));
    }

    [Fact]
    public async Task Frames_arriving_keep_the_watchdog_quiet_until_they_stop()
    {
        await using var silo = CameraSilo.Create(_folder.Path, Settings(watchdogTimeout: Timeout, watchdogInterval: Interval));
        var link = Link(1);
        await ConnectAsync(silo, link);
        await using var viewer = await WatchAsync(silo);

        for (int second = 1; second <= 20; second++)
        {
            silo.Time.Advance(Interval);
            await FrameAsync(silo, second);
        }

        Assert.Equal(0, (await InfoAsync(silo)).Live.WatchdogRestarts);
        Assert.Equal(1, link.Count(LinkCall.Start));

        // Frames stop: a restart follows a timeout after the last one.
        for (int second = 1; second < 5; second++)
        {
            silo.Time.Advance(Interval);
            Assert.Equal(0, (await InfoAsync(silo)).Live.WatchdogRestarts);
        }

        silo.Time.Advance(Interval);
        Assert.Equal(1, (await InfoAsync(silo)).Live.WatchdogRestarts);
        Assert.Equal(2, link.Count(LinkCall.Start));
    }

    [Fact]
    public async Task Without_viewers_the_watchdog_never_restarts()
    {
        await using var silo = CameraSilo.Create(_folder.Path, Settings(
            stopGrace: TimeSpan.FromMinutes(10), watchdogTimeout: Timeout, watchdogInterval: Interval));
        var link = Link(1);
        await ConnectAsync(silo, link);
        await (await WatchAsync(silo)).DisposeAsync();

        for (int second = 1; second <= 20; second++)
        {
            silo.Time.Advance(Interval);
            await InfoAsync(silo);
        }

        Assert.Equal(1, link.Count(LinkCall.Start));
        Assert.Equal(0, (await InfoAsync(silo)).Live.WatchdogRestarts);
    }
}
