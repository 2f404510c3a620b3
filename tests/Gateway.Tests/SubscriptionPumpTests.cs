using System.Threading.Channels;
using CameraCloud.Cameras;
using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class SubscriptionPumpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Writes_every_item_then_reports_the_source_completed()
    {
        var channel = Channel.CreateUnbounded<int>();
        foreach (var item in new[] { 1, 2, 3 })
        {
            channel.Writer.TryWrite(item);
        }
        channel.Writer.Complete();
        var written = new List<int>();
        using var cancellation = new CancellationTokenSource(Timeout);

        var result = await SubscriptionPump.RunAsync(channel.Reader, (item, _) =>
        {
            written.Add(item);
            return ValueTask.FromResult(true);
        }, cancellation.Token);

        Assert.Equal(new PumpResult(PumpEnd.SourceCompleted, 3, null), result);
        Assert.Equal(new[] { 1, 2, 3 }, written);
    }

    [Fact]
    public async Task Stops_when_the_writer_can_take_no_more()
    {
        var channel = Channel.CreateUnbounded<int>();
        foreach (var item in new[] { 1, 2, 3 })
        {
            channel.Writer.TryWrite(item);
        }
        using var cancellation = new CancellationTokenSource(Timeout);

        var result = await SubscriptionPump.RunAsync(
            channel.Reader, (item, _) => ValueTask.FromResult(item < 2), cancellation.Token);

        Assert.Equal(PumpEnd.WriterClosed, result.End);
        Assert.Equal(1, result.Items);
    }

    [Fact]
    public async Task Ends_quietly_when_the_viewer_leaves_while_waiting_for_media()
    {
        var channel = Channel.CreateUnbounded<int>();
        using var viewer = new CancellationTokenSource();
        using var guard = new CancellationTokenSource(Timeout);
        var firstWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Writer.TryWrite(1);

        var pump = SubscriptionPump.RunAsync(channel.Reader, (_, _) =>
        {
            firstWritten.TrySetResult();
            return ValueTask.FromResult(true);
        }, viewer.Token);
        await firstWritten.Task.WaitAsync(guard.Token);
        await viewer.CancelAsync();
        var result = await pump.WaitAsync(guard.Token);

        Assert.Equal(new PumpResult(PumpEnd.Cancelled, 1, null), result);
    }

    [Fact]
    public async Task Reports_a_source_that_failed_without_throwing()
    {
        var channel = Channel.CreateUnbounded<int>();
        var failure = new CameraOfflineException("cam");
        channel.Writer.Complete(failure);
        using var cancellation = new CancellationTokenSource(Timeout);

        var result = await SubscriptionPump.RunAsync(channel.Reader, (_, _) => ValueTask.FromResult(true), cancellation.Token);

        Assert.Equal(PumpEnd.SourceFailed, result.End);
        Assert.Same(failure, result.SourceError);
    }

    [Fact]
    public async Task Holds_no_buffer_of_its_own_a_slow_writer_leaves_items_in_the_bounded_queue()
    {
        var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropOldest });
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new List<int>();
        using var cancellation = new CancellationTokenSource(Timeout);
        channel.Writer.TryWrite(0);

        var pump = SubscriptionPump.RunAsync(channel.Reader, async (item, _) =>
        {
            written.Add(item);
            if (item == 0)
            {
                entered.TrySetResult();
                return await release.Task;
            }
            return true;
        }, cancellation.Token);
        await entered.Task.WaitAsync(cancellation.Token);
        // While the first write is stuck, the camera keeps producing; the queue keeps only the newest two.
        for (var i = 1; i <= 5; i++)
        {
            channel.Writer.TryWrite(i);
        }
        channel.Writer.Complete();
        release.SetResult(true);
        var result = await pump.WaitAsync(cancellation.Token);

        Assert.Equal(new[] { 0, 4, 5 }, written);
        Assert.Equal(PumpEnd.SourceCompleted, result.End);
    }
}
