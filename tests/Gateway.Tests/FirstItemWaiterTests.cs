using System.Threading.Channels;
using CameraCloud.TestSupport;
using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class FirstItemWaiterTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Returns_the_first_item()
    {
        var channel = Channel.CreateUnbounded<string>();
        channel.Writer.TryWrite("frame 1");
        channel.Writer.TryWrite("frame 2");
        using var guard = new CancellationTokenSource(Guard);

        var (item, timedOut) = await FirstItemWaiter.WaitAsync(channel.Reader, SnapshotTimeout, new ManualTimeProvider(), guard.Token);

        Assert.Equal("frame 1", item);
        Assert.False(timedOut);
    }

    [Fact]
    public async Task Times_out_when_the_clock_passes_the_deadline_and_not_before()
    {
        var channel = Channel.CreateUnbounded<string>();
        var time = new ManualTimeProvider();
        using var guard = new CancellationTokenSource(Guard);

        var wait = FirstItemWaiter.WaitAsync(channel.Reader, SnapshotTimeout, time, guard.Token);
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.2));
        var (item, timedOut) = await wait.WaitAsync(guard.Token);

        Assert.Null(item);
        Assert.True(timedOut);
    }

    [Fact]
    public async Task An_item_that_arrives_before_the_deadline_wins()
    {
        var channel = Channel.CreateUnbounded<string>();
        var time = new ManualTimeProvider();
        using var guard = new CancellationTokenSource(Guard);

        var wait = FirstItemWaiter.WaitAsync(channel.Reader, SnapshotTimeout, time, guard.Token);
        time.Advance(TimeSpan.FromSeconds(3));
        channel.Writer.TryWrite("late but in time");
        var (item, timedOut) = await wait.WaitAsync(guard.Token);

        Assert.Equal("late but in time", item);
        Assert.False(timedOut);
    }

    [Fact]
    public async Task A_source_that_completes_empty_is_not_a_timeout()
    {
        var channel = Channel.CreateUnbounded<string>();
        channel.Writer.Complete();
        using var guard = new CancellationTokenSource(Guard);

        var (item, timedOut) = await FirstItemWaiter.WaitAsync(channel.Reader, SnapshotTimeout, new ManualTimeProvider(), guard.Token);

        Assert.Null(item);
        Assert.False(timedOut);
    }

    [Fact]
    public async Task The_callers_cancellation_propagates_and_is_not_reported_as_a_timeout()
    {
        var channel = Channel.CreateUnbounded<string>();
        using var caller = new CancellationTokenSource();
        using var guard = new CancellationTokenSource(Guard);

        var wait = FirstItemWaiter.WaitAsync(channel.Reader, SnapshotTimeout, new ManualTimeProvider(), caller.Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(guard.Token));
    }
}
