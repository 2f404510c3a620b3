using System.Threading.Channels;

namespace CameraCloud.Gateway;

/// <summary>
/// Copies a subscription's items to a writer until the viewer leaves or the source ends. It holds no buffer of
/// its own: the subscription's bounded drop-oldest queue is the only one, so a slow viewer loses old frames in
/// the grain instead of growing memory here.
/// </summary>
public static class SubscriptionPump
{
    /// <summary>
    /// Runs until the token is cancelled, <c>write</c> returns false (the destination can take no more) or the
    /// subscription completes. Never throws for those ends; a failing write propagates.
    /// </summary>
    public static async Task<PumpResult> RunAsync<T>(
        ChannelReader<T> reader, Func<T, CancellationToken, ValueTask<bool>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(write);
        long items = 0;
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(cancellationToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    return new PumpResult(PumpEnd.SourceFailed, items, error);
                }
                if (!more)
                {
                    return new PumpResult(PumpEnd.SourceCompleted, items, null);
                }
                while (reader.TryRead(out var item))
                {
                    if (!await write(item, cancellationToken))
                    {
                        return new PumpResult(PumpEnd.WriterClosed, items, null);
                    }
                    items++;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new PumpResult(PumpEnd.Cancelled, items, null);
        }
    }
}
