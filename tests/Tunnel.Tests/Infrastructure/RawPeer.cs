using System.Buffers;
using System.Net.WebSockets;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>
/// The other end of a session, speaking frames by hand through the codec: lets a test send what a
/// correct peer never would and see exactly what the session answers.
/// </summary>
internal sealed class RawPeer(WebSocket socket)
{
    public WebSocket Socket => socket;

    public async Task SendAsync(TunnelFrameType type, uint streamId, ReadOnlyMemory<byte> payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        TunnelFrameWriter.Write(buffer, type, streamId, payload.Span);
        await SendMessageAsync(buffer.WrittenMemory);
    }

    public async Task SendAsync(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        await SendMessageAsync(buffer.WrittenMemory);
    }

    public async Task SendMessageAsync(ReadOnlyMemory<byte> message, WebSocketMessageType type = WebSocketMessageType.Binary) =>
        await socket.SendAsync(message, type, endOfMessage: true, Timeouts.Token());

    /// <summary>The next frame; fails on a close or an invalid frame.</summary>
    public async Task<RawFrame> ReceiveAsync()
    {
        var message = await ReceiveMessageAsync() ?? throw new InvalidOperationException("The session closed the WebSocket.");
        Assert.Equal(TunnelParseStatus.Frame, TunnelFrameParser.TryParse(message, out var header, out var payload, out var error));
        Assert.Null(error);
        return new RawFrame(header, payload.ToArray());
    }

    /// <summary>The next frame that is not a PING or PONG (the session's pinger may run meanwhile).</summary>
    public async Task<RawFrame> ReceiveSkippingPingsAsync()
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.Type is not (TunnelFrameType.Ping or TunnelFrameType.Pong))
            {
                return frame;
            }
        }
    }

    /// <summary>The next frame of <paramref name="type"/>, skipping the session's PINGs and PONGs.</summary>
    public async Task<RawFrame> ReceiveTypeAsync(TunnelFrameType type)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.Type == type)
            {
                return frame;
            }
            Assert.True(frame.Type is TunnelFrameType.Ping or TunnelFrameType.Pong, $"expected {type}, got {frame.Type}");
        }
    }

    /// <summary>One whole message, or null at the peer's close.</summary>
    public async Task<byte[]?> ReceiveMessageAsync()
    {
        var buffer = new byte[TunnelLimits.MaxMessageSize + 1];
        int filled = 0;
        var ct = Timeouts.Token();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(filled), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            filled += result.Count;
            if (result.EndOfMessage)
            {
                return buffer[..filled];
            }
        }
    }

    /// <summary>Reads frames until the session's close (returning them) and answers the close.</summary>
    public async Task<List<RawFrame>> ReceiveUntilCloseAsync()
    {
        var frames = new List<RawFrame>();
        while (await ReceiveMessageAsync() is { } message)
        {
            Assert.Equal(TunnelParseStatus.Frame, TunnelFrameParser.TryParse(message, out var header, out var payload, out _));
            frames.Add(new RawFrame(header, payload.ToArray()));
        }
        if (socket.State == WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, Timeouts.Token());
        }
        return frames;
    }

    /// <summary>Acts as an agent: HELLO, then the WELCOME.</summary>
    public async Task<ServerWelcomeMessage> HandshakeAsAgentAsync(AgentHelloMessage? hello = null)
    {
        await SendAsync(TunnelFrameType.Hello, 0, TunnelMessages.Serialize(hello ?? Sample.Hello()));
        var welcome = await ReceiveAsync();
        Assert.Equal(TunnelFrameType.Welcome, welcome.Type);
        return TunnelMessages.TryDeserializeWelcome(welcome.Payload, out var error) ?? throw new InvalidOperationException(error);
    }

    /// <summary>Acts as a server: reads HELLO, sends WELCOME.</summary>
    public async Task<AgentHelloMessage> HandshakeAsServerAsync(ServerWelcomeMessage welcome)
    {
        var hello = await ReceiveAsync();
        Assert.Equal(TunnelFrameType.Hello, hello.Type);
        await SendAsync(TunnelFrameType.Welcome, 0, TunnelMessages.Serialize(welcome));
        return TunnelMessages.TryDeserializeHello(hello.Payload, out var error) ?? throw new InvalidOperationException(error);
    }
}
