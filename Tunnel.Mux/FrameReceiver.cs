using System.Net.WebSockets;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

/// <summary>
/// Reads frames from the WebSocket without ever allocating by the peer's say-so: the 12-byte
/// header first (checked against <see cref="TunnelFrameRules"/>, so an oversize or unknown frame is
/// refused before its payload is read), then exactly the payload into memory the caller chooses,
/// then a check that the message ends there. A message longer than its header says, a text message
/// or a short one is a <see cref="TunnelProtocolException"/>. One reader at a time.
/// </summary>
internal sealed class FrameReceiver(WebSocket socket)
{
    private readonly byte[] headerBytes = new byte[TunnelFrameHeader.Size];
    private readonly byte[] scratch = new byte[TunnelLimits.MaxDataPayload];
    private bool messageEnded;

    public TunnelFrameHeader Header { get; private set; }

    /// <summary>Reads and validates the next header; false when the peer closed the WebSocket instead.</summary>
    public async ValueTask<bool> ReceiveHeaderAsync(CancellationToken ct)
    {
        int filled = 0;
        while (filled < TunnelFrameHeader.Size)
        {
            var result = await socket.ReceiveAsync(headerBytes.AsMemory(filled), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }
            if (result.MessageType != WebSocketMessageType.Binary)
            {
                throw new TunnelProtocolException("a text message; frames are binary messages");
            }
            filled += result.Count;
            messageEnded = result.EndOfMessage;
            if (messageEnded && filled < TunnelFrameHeader.Size)
            {
                throw new TunnelProtocolException($"message of {filled} bytes is shorter than the {TunnelFrameHeader.Size}-byte header");
            }
        }
        var header = TunnelFrameHeader.Read(headerBytes);
        if (!TunnelFrameRules.TryValidate(header, out var error))
        {
            throw new TunnelProtocolException(error!);
        }
        Header = header;
        return true;
    }

    /// <summary>Reads exactly the payload the header announced into <paramref name="destination"/> and checks the message ends there.</summary>
    public async ValueTask ReceivePayloadAsync(Memory<byte> destination, CancellationToken ct)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            if (messageEnded)
            {
                throw new TunnelProtocolException($"header says {Header.Length} payload bytes, the message carries {filled}");
            }
            var result = await socket.ReceiveAsync(destination[filled..], ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The peer closed the WebSocket inside a message.");
            }
            filled += result.Count;
            messageEnded = result.EndOfMessage;
        }
        while (!messageEnded)
        {
            // One byte of room: anything beyond the announced length is an error, and is never buffered.
            var result = await socket.ReceiveAsync(scratch.AsMemory(0, 1), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The peer closed the WebSocket inside a message.");
            }
            if (result.Count > 0)
            {
                throw new TunnelProtocolException($"message is longer than the {Header.Length} payload bytes its header says");
            }
            messageEnded = result.EndOfMessage;
        }
    }

    /// <summary>Reads the payload into the receiver's own buffer; valid until the next receive.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceivePayloadAsync(CancellationToken ct)
    {
        var payload = scratch.AsMemory(0, (int)Header.Length);
        await ReceivePayloadAsync(payload, ct).ConfigureAwait(false);
        return payload;
    }

    /// <summary>Reads and drops messages (whatever their state) until the peer's close arrives.</summary>
    public async ValueTask DrainUntilCloseAsync(CancellationToken ct)
    {
        while (true)
        {
            var result = await socket.ReceiveAsync(scratch.AsMemory(), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }
}
