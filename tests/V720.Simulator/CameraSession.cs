using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CameraCloud.Codecs.V720;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// One power-on of the camera's network side: the TCP control connection (register, heartbeat, framing
/// loop, spec §2.2, §3, §5.1) and the single UDP socket whose stream side <see cref="CameraStreamControl"/>
/// runs. Async loops only (TCP read, UDP read, heartbeat, media while streaming), no thread of its own.
/// A new connection is a new session.
/// </summary>
internal sealed class CameraSession
{
    private const int ClosedBeforeReply = -1;

    private readonly CameraState _state;
    private readonly SimulatedCameraOptions _options;
    private readonly BootstrapResult _boot;
    private readonly Socket _tcp;
    private readonly Socket _udp;
    private readonly IPEndPoint _serverTcp;
    private readonly CameraStreamControl _stream;
    private readonly Action<CameraSession> _onLost;
    private readonly SemaphoreSlim _tcpSendLock = new(1, 1);
    private readonly CancellationTokenSource _life = new();
    private readonly TaskCompletionSource<int> _registerReply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _registrationGate = new();

    private Task _tcpLoop = Task.CompletedTask;
    private Task _udpLoop = Task.CompletedTask;
    private Task _heartbeatLoop = Task.CompletedTask;
    private int _closed;
    private string _closeReason = "closed";

    private CameraSession(CameraState state, BootstrapResult boot, Socket tcp, Socket udp, IPEndPoint serverTcp,
        IPEndPoint serverUdp, Func<Random> newMediaRandom, Action<CameraSession> onLost)
    {
        _state = state;
        _options = state.Options;
        _boot = boot;
        _tcp = tcp;
        _udp = udp;
        _serverTcp = serverTcp;
        _onLost = onLost;
        _stream = new CameraStreamControl(state, boot.DeviceId, udp, serverUdp.Serialize(), SendTcpAsync, OnConnectionLost,
            newMediaRandom, _life.Token);
        LocalTcpEndPoint = (IPEndPoint)tcp.LocalEndPoint!;
    }

    public IPEndPoint LocalTcpEndPoint { get; }

    public IPEndPoint LocalUdpEndPoint => _stream.LocalUdpEndPoint;

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>Where media and injected datagrams go: the address that answered 50, else host:tcpPort.</summary>
    public SocketAddress MediaTarget() => _stream.MediaTarget();

    public ValueTask SendUdpAsync(ReadOnlyMemory<byte> datagram, SocketAddress target, CancellationToken ct) =>
        _stream.SendUdpAsync(datagram, target, ct);

    /// <summary>Connects, registers and returns once the 101 said 200; throws <see cref="SimulatedCameraException"/> otherwise.</summary>
    public static async Task<CameraSession> ConnectAsync(CameraState state, BootstrapResult boot, Func<Random> newMediaRandom,
        Action<CameraSession> onLost, CancellationToken ct)
    {
        var options = state.Options;
        var address = await ResolveAsync(boot.Host, ct).ConfigureAwait(false);
        var serverTcp = new IPEndPoint(address, boot.TcpPort);
        var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Socket? udp = null;
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(options.ConnectTimeout);
                try
                {
                    await tcp.ConnectAsync(serverTcp, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new SimulatedCameraException($"TCP connect to {serverTcp}: no answer within {options.ConnectTimeout}.");
                }
                catch (SocketException e)
                {
                    throw new SimulatedCameraException($"TCP connect to {serverTcp} refused: {e.SocketErrorCode}.", e);
                }
            }

            // The camera's one UDP socket, on the interface its TCP uses, so devNatIp is a real address.
            udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(((IPEndPoint)tcp.LocalEndPoint!).Address, 0));
            var serverUdp = new IPEndPoint(address, options.UdpPortOverride ?? boot.TcpPort);
            var session = new CameraSession(state, boot, tcp, udp, serverTcp, serverUdp, newMediaRandom, onLost);
            await session.RegisterAsync(ct).ConfigureAwait(false);
            return session;
        }
        catch
        {
            udp?.Dispose();
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Ends the session on purpose. With <paramref name="linger"/> the TCP socket stays open but unread, like a
    /// camera that lost power (the server sees no FIN, spec §5.4); <see cref="DisposeLingeringSocket"/> closes it later.
    /// </summary>
    public async Task CloseAsync(bool linger)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _closeReason = linger ? "abandoned (power cycle)" : "closed by the test";
            Shutdown(closeTcp: !linger);
            MarkClosed(lost: false);
        }
        await WhenLoopsEndAsync().ConfigureAwait(false);
    }

    public void DisposeLingeringSocket() => _tcp.Dispose();

    public async Task SendTcpAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct, _life.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await _tcpSendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                while (!bytes.IsEmpty)
                {
                    int sent = await _tcp.SendAsync(bytes, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                    bytes = bytes[sent..];
                }
            }
            finally
            {
                _tcpSendLock.Release();
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && !_life.IsCancellationRequested)
        {
            throw new SimulatedCameraException($"TCP send to {_serverTcp} stalled for {_options.ConnectTimeout}.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SimulatedCameraException($"TCP connection to {_serverTcp} is {_closeReason}.");
        }
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses.FirstOrDefault()
                ?? throw new SimulatedCameraException($"Control host '{host}' has no address.");
        }
        catch (SocketException e)
        {
            throw new SimulatedCameraException($"Control host '{host}' cannot be resolved: {e.SocketErrorCode}.", e);
        }
    }

    private async Task RegisterAsync(CancellationToken ct)
    {
        _tcpLoop = ReadTcpLoopAsync(_life.Token);
        _udpLoop = _stream.ReadUdpLoopAsync(_life.Token);
        try
        {
            await SendTcpAsync(CameraMessages.Register(_boot.DeviceId, _boot.Pwd, _boot.Domain), ct).ConfigureAwait(false);
            int status;
            try
            {
                status = await _registerReply.Task.WaitAsync(_options.RegisterTimeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new SimulatedCameraException(
                    $"No 101 from {_serverTcp} within {_options.RegisterTimeout} after registering {_boot.DeviceId}.");
            }
            if (status == ClosedBeforeReply)
            {
                throw new SimulatedCameraException($"{_serverTcp} {_closeReason} before answering the register of {_boot.DeviceId}.");
            }
            if (status != 200)
            {
                throw new SimulatedCameraException($"{_serverTcp} refused the register of {_boot.DeviceId}: 101 with status {status}.");
            }
        }
        catch
        {
            await CloseAsync(linger: false).ConfigureAwait(false);
            throw;
        }
    }

    private void OnRegisterReply(int status)
    {
        lock (_registrationGate)
        {
            if (!IsOpen || _registerReply.Task.IsCompleted)
            {
                return; // a repeated 101 (the capture has a TCP retransmission of it) changes nothing
            }
            if (status == 200)
            {
                // Registered before the connect call returns, so StartAsync's caller sees IsRegistered at once.
                _state.OnRegistered();
            }
        }
        _registerReply.TrySetResult(status);
        if (status == 200)
        {
            _state.Log($"registered at {_serverTcp}");
            _heartbeatLoop = HeartbeatLoopAsync(_life.Token);
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(_options.HeartbeatInterval, _state.Time);
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                await SendTcpAsync(CameraMessages.Heartbeat, ct).ConfigureAwait(false);
                _state.OnHeartbeat();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // session closing
        }
        catch (Exception e)
        {
            OnConnectionLost($"heartbeat failed: {e.Message}");
        }
    }

    private async Task ReadTcpLoopAsync(CancellationToken ct)
    {
        const int MaxMessage = V720Header.Size + V720StreamReader.DefaultMaxPayload;
        var buffer = new byte[4096];
        int start = 0;
        int end = 0;
        string reason;
        try
        {
            while (true)
            {
                if (end == buffer.Length)
                {
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    else
                    {
                        // One message never exceeds MaxMessage: TryRead rejects a bigger header before its body.
                        Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxMessage));
                    }
                }

                int read = await _tcp.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, ct).ConfigureAwait(false);
                if (read == 0)
                {
                    reason = "closed by the server";
                    break;
                }
                end += read;

                var pending = new ReadOnlySequence<byte>(buffer, start, end - start);
                V720ReadStatus status;
                while ((status = V720StreamReader.TryRead(ref pending, V720StreamReader.DefaultMaxPayload, out var message))
                    == V720ReadStatus.Message)
                {
                    await HandleTcpMessageAsync(message!, ct).ConfigureAwait(false);
                }
                if (status == V720ReadStatus.Invalid)
                {
                    reason = "unframeable data from the server (payload over the limit)";
                    break;
                }
                start = end - (int)pending.Length;
                if (start == end)
                {
                    start = end = 0;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (ObjectDisposedException) when (!IsOpen)
        {
            return;
        }
        catch (Exception e)
        {
            // Whatever broke the read loop ends this connection, visibly, rather than leaving a dead camera.
            reason = e is SocketException or ObjectDisposedException or SimulatedCameraException ? e.Message : e.ToString();
        }
        OnConnectionLost(reason);
    }

    private async Task HandleTcpMessageAsync(V720Message message, CancellationToken ct)
    {
        if (message.Cmd != V720Cmd.Json)
        {
            return; // heartbeat echoes and anything else need nothing from the camera
        }

        using var document = V720Json.TryParseObject(message.Payload.Span);
        if (document is null || V720Json.GetCode(document.RootElement) is not int code)
        {
            _state.Log($"ignored TCP payload '{V720Json.Utf8(message.Payload.Span)}'");
            return;
        }

        var root = document.RootElement;
        bool hasContent = root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object;
        int? contentCode = code == V720Code.Forward && hasContent ? V720Json.GetCode(content) : null;
        _state.OnCommand(code, contentCode, V720Json.Utf8(message.Payload.Span));

        switch (code)
        {
            case V720Code.RegisterResponse:
                OnRegisterReply(V720Json.GetInt(root, "status") ?? 0);
                break;
            case V720Code.NatRequest:
                await _stream.OnNatRequestAsync(root, ct).ConfigureAwait(false);
                break;
            case V720Code.Forward when contentCode is int forwarded:
                await _stream.OnForwardAsync(V720Json.GetString(root, "target"), forwarded, content, ct).ConfigureAwait(false);
                break;
            default:
                break; // 53 and the rest need no reply
        }
    }

    private void OnConnectionLost(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        _closeReason = $"lost ({reason})";
        _state.Log($"TCP connection to {_serverTcp} {_closeReason}");
        Shutdown(closeTcp: true);
        MarkClosed(lost: true);
        _onLost(this);
    }

    /// <summary>Under the gate, so that a 101 handled concurrently cannot mark a closed session registered.</summary>
    private void MarkClosed(bool lost)
    {
        lock (_registrationGate)
        {
            _state.OnConnectionClosed(lost);
        }
    }

    private void Shutdown(bool closeTcp)
    {
        _registerReply.TrySetResult(ClosedBeforeReply);
        _stream.StopStreaming(StreamStopReason.ConnectionLost);
        _life.Cancel();
        if (closeTcp)
        {
            try
            {
                _tcp.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // already reset by the peer
            }
            _tcp.Dispose();
        }
        _udp.Dispose();
    }

    private async Task WhenLoopsEndAsync()
    {
        // The loops end by cancellation and catch their own errors; this only waits for them.
        await Task.WhenAll(_tcpLoop, _udpLoop, _heartbeatLoop, _stream.MediaTask).ConfigureAwait(false);
    }
}
