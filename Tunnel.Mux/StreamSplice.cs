using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

/// <summary>
/// Copies two duplex streams into each other, both directions at once. When one side's reads end,
/// the other side's writes are half-closed (<see cref="TunnelStream.CompleteWritesAsync"/>,
/// <c>Socket.Shutdown(Send)</c> for a <see cref="NetworkStream"/>, TLS close_notify for an
/// <see cref="SslStream"/>) and the other direction goes on; it returns when both have ended. An
/// exception in either direction ends both: tunnel streams are reset (CANCELLED), other streams
/// disposed, and the first exception is rethrown.
/// </summary>
public static class StreamSplice
{
    // One read fills at most one DATA frame, and the frame one pooled 64 KiB array.
    private const int BufferSize = TunnelStream.PreferredPayload;

    public static async Task<(long AToB, long BToA)> RunAsync(Stream a, Stream b, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var failure = new FirstFailure();
        var aToB = PumpAsync(a, b, stop, failure);
        var bToA = PumpAsync(b, a, stop, failure);
        try
        {
            await Task.WhenAll(aToB, bToA).ConfigureAwait(false);
        }
        catch (Exception) when (failure.Exception is not null)
        {
            // Rethrown below: the cause, not the cancellation it caused in the other direction.
        }
        if (failure.Exception is not null)
        {
            ExceptionDispatchInfo.Throw(failure.Exception);
        }
        return (aToB.Result, bToA.Result);
    }

    private static async Task<long> PumpAsync(Stream source, Stream destination, CancellationTokenSource stop, FirstFailure failure)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long total = 0;
        try
        {
            while (true)
            {
                int n = await source.ReadAsync(buffer.AsMemory(0, BufferSize), stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }
                await destination.WriteAsync(buffer.AsMemory(0, n), stop.Token).ConfigureAwait(false);
                total += n;
            }
            await HalfCloseAsync(destination, stop.Token).ConfigureAwait(false);
            return total;
        }
        catch (Exception e)
        {
            if (failure.TrySet(e))
            {
                await stop.CancelAsync().ConfigureAwait(false);
                Abort(source, e);
                Abort(destination, e);
            }
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task HalfCloseAsync(Stream destination, CancellationToken ct)
    {
        switch (destination)
        {
            case TunnelStream tunnel:
                await tunnel.CompleteWritesAsync(ct).ConfigureAwait(false);
                break;
            case NetworkStream network:
                await network.FlushAsync(ct).ConfigureAwait(false);
                network.Socket.Shutdown(SocketShutdown.Send);
                break;
            case SslStream tls:
                await tls.ShutdownAsync().WaitAsync(ct).ConfigureAwait(false);
                break;
            default:
                // No way to half-close an arbitrary stream; the peer sees the end when it is disposed.
                await destination.FlushAsync(ct).ConfigureAwait(false);
                break;
        }
    }

    private static void Abort(Stream stream, Exception cause)
    {
        if (stream is TunnelStream tunnel)
        {
            tunnel.Abort(TunnelErrorCode.Cancelled, cause.Message);
            return;
        }
        try
        {
            stream.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Aborting: the stream is broken already.
        }
    }
}
