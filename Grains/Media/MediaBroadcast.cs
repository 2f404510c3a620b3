namespace CameraCloud.Grains.Media;

/// <summary>
/// Fans one camera's media out to its subscribers. Only called from grain turns, so it needs no locks;
/// the per-subscriber channels are what readers touch from other threads.
/// </summary>
internal sealed class MediaBroadcast<T>(int capacityPerSubscriber)
{
    private readonly Dictionary<long, MediaSubscription<T>> _subscribers = [];
    private long _droppedByRemoved;

    public int Count => _subscribers.Count;

    /// <summary>Items lost by slow subscribers, past and present.</summary>
    public long Dropped => _droppedByRemoved + _subscribers.Values.Sum(s => s.Dropped);

    public MediaSubscription<T> Add(long subscriptionId, Func<long, Task> release)
    {
        var subscription = new MediaSubscription<T>(subscriptionId, capacityPerSubscriber, release);
        _subscribers.Add(subscriptionId, subscription);
        return subscription;
    }

    public bool Remove(long subscriptionId)
    {
        if (!_subscribers.Remove(subscriptionId, out var subscription))
        {
            return false;
        }
        _droppedByRemoved += subscription.Dropped;
        subscription.Complete();
        return true;
    }

    public void Publish(T item)
    {
        foreach (var subscriber in _subscribers.Values)
        {
            subscriber.Publish(item);
        }
    }

    public void CompleteAll()
    {
        foreach (var subscriber in _subscribers.Values)
        {
            _droppedByRemoved += subscriber.Dropped;
            subscriber.Complete();
        }
        _subscribers.Clear();
    }
}
