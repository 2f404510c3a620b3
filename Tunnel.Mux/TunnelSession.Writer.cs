using System.Buffers;
using System.Buffers.Binary;
using System.Net.WebSockets;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

public sealed partial class TunnelSession
{
    /// <summary>
    /// The only sender on the WebSocket. Control frames go before DATA. Once the session ends it
    /// drops DATA, flushes the control frames already queued if it is the one ending the session,
    /// sends GOAWAY and closes its side.
    /// </summary>
    private async Task WriteLoopAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                while (!outbound.IsClosed && outbound.TryDequeue(out var frame))
                {
                    await SendQueuedAsync(frame, ct).ConfigureAwait(false);
                }
                if (outbound.IsClosed)
                {
                    break;
                }
                await outbound.WaitAsync(ct).ConfigureAwait(false);
            }
            await FinishWritingAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            End(SessionEndKind.Lost, null, $"the connection broke while sending: {e.Message}");
        }
        finally
        {
            outbound.DiscardAll();
            writerDone.TrySetResult();
        }
    }

    private async Task FinishWritingAsync(CancellationToken ct)
    {
        SessionEndKind kind;
        TunnelErrorCode code;
        string? reason;
        lock (gate)
        {
            kind = endKind!.Value;
            code = goAwayCode;
            reason = goAwayReason;
        }
        if (kind == SessionEndKind.Lost)
        {
            return;
        }
        if (kind is SessionEndKind.GoAway or SessionEndKind.GoAwayNoWait)
        {
            // What was queued before the end still goes out first, e.g. the CONTROL_RESULT of a
            // "restart" answered just before the agent says goodbye.
            while (outbound.TryDequeueControl(out var frame))
            {
                await SendQueuedAsync(frame, ct).ConfigureAwait(false);
            }
            await SendDirectAsync(socket, ErrorFrame(TunnelFrameType.GoAway, 0, code, reason), ct).ConfigureAwait(false);
        }
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct).ConfigureAwait(false);
        }
    }

    private async ValueTask SendQueuedAsync(OutgoingFrame frame, CancellationToken ct)
    {
        try
        {
            var stream = frame.Stream;
            if (stream is not null && stream.IsReset)
            {
                // DATA or CLOSE of a reset stream: the peer has forgotten it, or soon will.
                return;
            }
            await socket.SendAsync(frame.Memory, WebSocketMessageType.Binary, endOfMessage: true, ct).ConfigureAwait(false);
            if (frame.Type == TunnelFrameType.Close && stream is not null && stream.OnCloseWritten())
            {
                RemoveStream(stream);
            }
        }
        finally
        {
            frame.Release();
        }
    }

    internal ValueTask EnqueueDataAsync(OutgoingFrame frame, CancellationToken ct) => outbound.EnqueueAsync(frame, isControl: false, ct);

    internal void CountSent(int bytes) => Interlocked.Add(ref bytesSent, bytes);

    /// <summary>WINDOW credit from a reading application; bounded by the window, so it never waits for a slot.</summary>
    internal void SendWindow(uint streamId, uint increment)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(TunnelFrameHeader.Size + 4);
        TunnelFrameHeader.Create(TunnelFrameType.Window, streamId, 4).Write(buffer);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(TunnelFrameHeader.Size), increment);
        outbound.EnqueueUnbounded(new OutgoingFrame(buffer, TunnelFrameHeader.Size + 4, TunnelFrameType.Window), isControl: true);
    }

    /// <summary>RESET of a stream we give up on (once per stream); the stream leaves the table at once.</summary>
    internal void SendReset(TunnelStream stream, TunnelErrorCode code, string? reason)
    {
        RemoveStream(stream);
        outbound.EnqueueUnbounded(ErrorFrame(TunnelFrameType.Reset, stream.StreamId, code, reason), isControl: true);
    }

    /// <summary>CLOSE (once per stream), in the DATA queue so that it follows the stream's last DATA.</summary>
    internal void SendClose(TunnelStream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(TunnelFrameHeader.Size);
        TunnelFrameHeader.Create(TunnelFrameType.Close, stream.StreamId, 0).Write(buffer);
        outbound.EnqueueUnbounded(new OutgoingFrame(buffer, TunnelFrameHeader.Size, TunnelFrameType.Close, stream), isControl: false);
    }

    private static OutgoingFrame Frame(TunnelFrameType type, uint streamId, ReadOnlySpan<byte> payload)
    {
        var header = TunnelFrameHeader.Create(type, streamId, payload.Length);
        if (!TunnelFrameRules.TryValidate(header, out var error))
        {
            throw new InvalidOperationException($"Refusing to send an invalid frame: {error}");
        }
        var buffer = ArrayPool<byte>.Shared.Rent(TunnelFrameHeader.Size + payload.Length);
        header.Write(buffer);
        payload.CopyTo(buffer.AsSpan(TunnelFrameHeader.Size));
        return new OutgoingFrame(buffer, TunnelFrameHeader.Size + payload.Length, type);
    }

    private static OutgoingFrame JsonFrame(TunnelFrameType type, uint streamId, byte[] json)
    {
        if (json.Length > TunnelFrameRules.MaxPayload(type))
        {
            throw new ArgumentException($"{type} payload of {json.Length} bytes is over its limit of {TunnelFrameRules.MaxPayload(type)}");
        }
        return Frame(type, streamId, json);
    }

    private static OutgoingFrame ErrorFrame(TunnelFrameType type, uint streamId, TunnelErrorCode code, string? reason)
    {
        Span<byte> payload = stackalloc byte[2 + TunnelLimits.MaxReasonBytes];
        int length = TunnelFrameWriter.EncodeError(payload, code, reason);
        return Frame(type, streamId, payload[..length]);
    }

    private static OutgoingFrame OpaqueFrame(TunnelFrameType type, ulong opaque)
    {
        Span<byte> payload = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(payload, opaque);
        return Frame(type, 0, payload);
    }
}
