using System.Threading.Channels;
using CameraCloud.Cameras;

namespace CameraCloud.Grains.Media;

/// <summary>
/// One viewer's bounded queue. The channel drops the oldest item when full, so a slow viewer only
/// loses its own frames; the publisher never waits.
/// </summary>
internal sealed class MediaSubscription<T> : IMediaSubscription<T>
{
    private readonly Channel<T> _channel;
    private readonly Func<long, Task> _release;
    private long _dropped;
    private int _disposed;

    public MediaSubscription(long subscriptionId, int capacity, Func<long, Task> release)
    {
        SubscriptionId = subscriptionId;
        _release = release;
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    public long SubscriptionId { get; }

    public ChannelReader<T> Reader => _channel.Reader;

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Never blocks: with DropOldest a bounded channel always accepts until completed.</summary>
    public void Publish(T item) => _channel.Writer.TryWrite(item);

    public void Complete() => _channel.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Complete();
        await _release(SubscriptionId).ConfigureAwait(false);
    }
}
