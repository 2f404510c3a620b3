using System.Buffers;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

public sealed partial class TunnelSession
{
    // DATA at least this large is received straight into a pooled array the stream keeps; smaller
    // payloads are copied into the stream's last segment (see ReceiveBuffer).
    private const int OwnedPayloadThreshold = 4096;

    /// <summary>
    /// The only receiver on the WebSocket. Each frame is validated by its header before its payload
    /// is read. After the end it keeps reading (and dropping) until the peer's close arrives, so the
    /// close handshake completes and our GOAWAY is not lost to a reset connection.
    /// </summary>
    private async Task ReadLoopAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                if (!await receiver.ReceiveHeaderAsync(ct).ConfigureAwait(false))
                {
                    End(SessionEndKind.PeerClosed, null, "the peer closed the WebSocket");
                    return;
                }
                MarkAlive();
                if (IsEnding)
                {
                    await receiver.ReceivePayloadAsync(ct).ConfigureAwait(false);
                    continue;
                }
                var header = receiver.Header;
                await HandleFrameAsync(header, ct).ConfigureAwait(false);
                FrameHandled?.Invoke(header);
            }
        }
        catch (TunnelProtocolException e)
        {
            End(SessionEndKind.GoAway, TunnelErrorCode.ProtocolError, e.Message);
            await DrainAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            End(SessionEndKind.Lost, null, $"the connection broke while receiving: {e.Message}");
        }
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        try
        {
            await receiver.DrainUntilCloseAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            // The session has ended; RunAsync aborts the socket if the peer never closes.
        }
    }

    private async ValueTask HandleFrameAsync(TunnelFrameHeader header, CancellationToken ct)
    {
        if (header.Type == TunnelFrameType.Data)
        {
            await HandleDataAsync(header, ct).ConfigureAwait(false);
            return;
        }
        var payload = await receiver.ReceivePayloadAsync(ct).ConfigureAwait(false);
        switch (header.Type)
        {
            case TunnelFrameType.Window:
                HandleWindow(header.StreamId, TunnelFrameParser.ReadWindowIncrement(payload.Span));
                break;
            case TunnelFrameType.Close:
                HandleClose(header.StreamId);
                break;
            case TunnelFrameType.Reset:
                var resetCode = TunnelFrameParser.ReadError(payload.Span, out var resetReason);
                HandleReset(header.StreamId, resetCode, resetReason);
                break;
            case TunnelFrameType.Ping:
                await SendControlFrameAsync(OpaqueFrame(TunnelFrameType.Pong, TunnelFrameParser.ReadOpaque(payload.Span)), ct).ConfigureAwait(false);
                break;
            case TunnelFrameType.Pong:
                Interlocked.Increment(ref pongsReceived);
                break;
            case TunnelFrameType.Open:
                await HandleOpenAsync(header.StreamId, payload, ct).ConfigureAwait(false);
                break;
            case TunnelFrameType.OpenOk:
                HandleOpenOk(header.StreamId);
                break;
            case TunnelFrameType.Control:
                await HandleControlAsync(payload, ct).ConfigureAwait(false);
                break;
            case TunnelFrameType.ControlResult:
                HandleControlResult(payload);
                break;
            case TunnelFrameType.GoAway:
                var code = TunnelFrameParser.ReadError(payload.Span, out var reason);
                End(SessionEndKind.PeerGoAway, code, reason ?? $"the peer sent GOAWAY {code}");
                break;
            default:
                throw new TunnelProtocolException($"{header.Type} after the handshake");
        }
    }

    private async ValueTask HandleDataAsync(TunnelFrameHeader header, CancellationToken ct)
    {
        int length = (int)header.Length;
        var stream = FindStream(header.StreamId, header.Type);
        var admission = stream?.AdmitData(length) ?? DataAdmission.Drop;
        if (admission == DataAdmission.NotOpen)
        {
            throw new TunnelProtocolException($"DATA on stream {header.StreamId} before OPEN_OK");
        }
        if (admission != DataAdmission.Accept)
        {
            await receiver.ReceivePayloadAsync(ct).ConfigureAwait(false);
            if (admission == DataAdmission.BeyondWindow)
            {
                stream!.Abort(TunnelErrorCode.FlowControl, $"DATA of {length} bytes beyond the window granted");
            }
            else if (admission == DataAdmission.AfterClose)
            {
                stream!.Abort(TunnelErrorCode.StreamClosed, "DATA after CLOSE");
            }
            return;
        }
        if (length >= OwnedPayloadThreshold)
        {
            var array = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                await receiver.ReceivePayloadAsync(array.AsMemory(0, length), ct).ConfigureAwait(false);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(array);
                throw;
            }
            stream!.AppendOwned(array, length);
        }
        else
        {
            var payload = await receiver.ReceivePayloadAsync(ct).ConfigureAwait(false);
            stream!.AppendCopy(payload.Span);
        }
        Interlocked.Add(ref bytesReceived, length);
    }

    private void HandleWindow(uint streamId, uint increment)
    {
        var stream = FindStream(streamId, TunnelFrameType.Window);
        if (stream is not null && !stream.AddCredit(increment))
        {
            stream.Abort(TunnelErrorCode.FlowControl, $"WINDOW of {increment} takes the window over {TunnelLimits.MaxWindow} bytes");
        }
    }

    private void HandleClose(uint streamId)
    {
        var stream = FindStream(streamId, TunnelFrameType.Close);
        if (stream is null)
        {
            return;
        }
        if (!stream.OnPeerClose(out bool finished))
        {
            stream.Abort(TunnelErrorCode.StreamClosed, "CLOSE twice, or before OPEN_OK");
        }
        else if (finished)
        {
            RemoveStream(stream);
        }
    }

    private void HandleReset(uint streamId, TunnelErrorCode code, string? reason)
    {
        var stream = FindStream(streamId, TunnelFrameType.Reset);
        if (stream is null)
        {
            return;
        }
        RemoveStream(stream);
        stream.Fail(new StreamFailure(code, reason ?? $"the peer reset the stream ({code})", SessionClosed: false));
    }

    /// <summary>
    /// The stream, or null for one that has ended (a late frame: dropped). A stream id never
    /// opened is a protocol error.
    /// </summary>
    private TunnelStream? FindStream(uint streamId, TunnelFrameType type)
    {
        lock (gate)
        {
            if (streams.TryGetValue(streamId, out var stream))
            {
                return stream;
            }
            if (streamId > highestStreamId)
            {
                throw new TunnelProtocolException($"{type} on stream {streamId}, which was never opened");
            }
            return null;
        }
    }

    /// <summary>Queues a control frame, waiting for a slot; quietly drops it once the session has ended.</summary>
    private async ValueTask SendControlFrameAsync(OutgoingFrame frame, CancellationToken ct)
    {
        try
        {
            await outbound.EnqueueAsync(frame, isControl: true, ct).ConfigureAwait(false);
        }
        catch (TunnelSessionClosedException)
        {
            // Ending: the frame no longer matters.
        }
    }
}
