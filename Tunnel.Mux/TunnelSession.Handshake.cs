using System.Net.WebSockets;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

public sealed partial class TunnelSession
{
    /// <summary>
    /// Server side: reads HELLO within HandshakeTimeout, validates it, answers WELCOME. A bad HELLO
    /// gets GOAWAY PROTOCOL_ERROR and throws <see cref="TunnelProtocolException"/>, as does none in time.
    /// </summary>
    public static async Task<TunnelSession> AcceptAsync(WebSocket socket, TunnelSessionOptions options, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var settings = options.Clone();
        var receiver = new FrameReceiver(socket);
        using var deadline = new CancellationTokenSource(settings.HandshakeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        AgentHelloMessage hello;
        try
        {
            var payload = await ReceiveHandshakeFrameAsync(receiver, TunnelFrameType.Hello, linked.Token).ConfigureAwait(false);
            hello = TunnelMessages.TryDeserializeHello(payload.Span, out var error)
                ?? throw new TunnelProtocolException($"bad HELLO: {error}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TunnelProtocolException($"no HELLO within {settings.HandshakeTimeout.TotalSeconds:0.###} s");
        }
        catch (TunnelProtocolException e)
        {
            await TrySendGoAwayAndCloseAsync(socket, TunnelErrorCode.ProtocolError, e.Message, linked.Token).ConfigureAwait(false);
            throw;
        }
        var welcome = new ServerWelcomeMessage(
            Guid.NewGuid().ToString("N"),
            WholeSeconds(settings.PingInterval),
            WholeSeconds(settings.PingTimeout),
            settings.MaxStreams,
            settings.InitialWindow,
            TunnelLimits.MaxDataPayload);
        await SendDirectAsync(socket, JsonFrame(TunnelFrameType.Welcome, 0, TunnelMessages.Serialize(welcome)), linked.Token).ConfigureAwait(false);
        return new TunnelSession(socket, settings, time, isServer: true, receiver, hello, welcome);
    }

    /// <summary>
    /// Agent side: sends HELLO and waits (HandshakeTimeout) for WELCOME, whose ping, window and
    /// stream settings the session adopts. A GOAWAY or close instead throws
    /// <see cref="TunnelSessionClosedException"/> (with the GOAWAY code); a bad WELCOME throws
    /// <see cref="TunnelProtocolException"/>.
    /// </summary>
    public static async Task<TunnelSession> ConnectAsync(WebSocket socket, AgentHelloMessage hello, TunnelSessionOptions options,
        TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(hello);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        if (TunnelMessages.ValidateHello(hello) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(hello));
        }
        var helloBytes = TunnelMessages.Serialize(hello);
        if (helloBytes.Length > TunnelLimits.MaxHelloPayload)
        {
            throw new ArgumentException($"HELLO is {helloBytes.Length} bytes; at most {TunnelLimits.MaxHelloPayload}", nameof(hello));
        }
        var settings = options.Clone();
        var receiver = new FrameReceiver(socket);
        using var deadline = new CancellationTokenSource(settings.HandshakeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        ServerWelcomeMessage welcome;
        try
        {
            await SendDirectAsync(socket, JsonFrame(TunnelFrameType.Hello, 0, helloBytes), linked.Token).ConfigureAwait(false);
            var payload = await ReceiveHandshakeFrameAsync(receiver, TunnelFrameType.Welcome, linked.Token).ConfigureAwait(false);
            welcome = TunnelMessages.TryDeserializeWelcome(payload.Span, out var error)
                ?? throw new TunnelProtocolException($"bad WELCOME: {error}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TunnelProtocolException($"no WELCOME within {settings.HandshakeTimeout.TotalSeconds:0.###} s");
        }
        catch (TunnelProtocolException e)
        {
            await TrySendGoAwayAndCloseAsync(socket, TunnelErrorCode.ProtocolError, e.Message, linked.Token).ConfigureAwait(false);
            throw;
        }
        return new TunnelSession(socket, settings, time, isServer: false, receiver, hello, welcome);
    }

    /// <summary>The payload of the expected handshake frame; a GOAWAY or close instead ends the handshake.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReceiveHandshakeFrameAsync(FrameReceiver receiver, TunnelFrameType expected, CancellationToken ct)
    {
        if (!await receiver.ReceiveHeaderAsync(ct).ConfigureAwait(false))
        {
            throw new TunnelSessionClosedException($"the peer closed the WebSocket before {expected}");
        }
        var type = receiver.Header.Type;
        var payload = await receiver.ReceivePayloadAsync(ct).ConfigureAwait(false);
        if (type == TunnelFrameType.GoAway)
        {
            var code = TunnelFrameParser.ReadError(payload.Span, out var reason);
            throw new TunnelSessionClosedException($"the peer sent GOAWAY {code} instead of {expected}: {reason}", code);
        }
        if (type != expected)
        {
            throw new TunnelProtocolException($"expected {expected}, got {type}");
        }
        return payload;
    }

    private static int WholeSeconds(TimeSpan value) => (int)Math.Max(1, Math.Ceiling(value.TotalSeconds));

    private static async Task SendDirectAsync(WebSocket socket, OutgoingFrame frame, CancellationToken ct)
    {
        try
        {
            await socket.SendAsync(frame.Memory, WebSocketMessageType.Binary, endOfMessage: true, ct).ConfigureAwait(false);
        }
        finally
        {
            frame.Release();
        }
    }

    private static async Task SendGoAwayAndCloseAsync(WebSocket socket, TunnelErrorCode code, string? reason, CancellationToken ct)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }
        await SendDirectAsync(socket, ErrorFrame(TunnelFrameType.GoAway, 0, code, reason), ct).ConfigureAwait(false);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct).ConfigureAwait(false);
    }

    /// <summary>Best effort: the handshake is failing anyway, and the caller closes the socket.</summary>
    private static async Task TrySendGoAwayAndCloseAsync(WebSocket socket, TunnelErrorCode code, string? reason, CancellationToken ct)
    {
        try
        {
            await SendGoAwayAndCloseAsync(socket, code, reason, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            // Nothing more to tell a peer we cannot reach.
        }
    }
}
