namespace CameraCloud.Tunnel;

/// <summary>Keeps the first exception of several racing tasks: the cause, not the cancellations it set off.</summary>
internal sealed class FirstFailure
{
    private Exception? exception;

    public Exception? Exception => Volatile.Read(ref exception);

    public bool TrySet(Exception e) => Interlocked.CompareExchange(ref exception, e, null) is null;
}
