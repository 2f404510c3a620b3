using System.Threading.Channels;

namespace CameraCloud.Gateway;

/// <summary>Waits for the first item of a subscription, with a deadline measured on a <see cref="TimeProvider"/>.</summary>
internal static class FirstItemWaiter
{
    /// <returns>
    /// The item; or null with <c>TimedOut</c> true when the deadline passed; or null with <c>TimedOut</c> false
    /// when the source completed without an item. A source that failed rethrows its error.
    /// </returns>
    public static async Task<(T? Item, bool TimedOut)> WaitAsync<T>(
        ChannelReader<T> reader, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(time);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (await reader.WaitToReadAsync(linked.Token))
            {
                if (reader.TryRead(out var item))
                {
                    return (item, false);
                }
            }
            return (null, false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, true);
        }
    }
}
