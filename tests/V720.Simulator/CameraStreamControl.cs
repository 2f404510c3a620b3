using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CameraCloud.Codecs.V720;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// The camera's side of a live stream on its one UDP socket (spec §5.2, §6): 11 → UDP 20, 21 → TCP 12 +
/// UDP 51, 50 → 51 (every one, like firmware: the server must end the exchange) and the media peer, 301 commands (4 base info, 3 start,
/// 0 stop, settings echoed), the media loop, 605s and the app's 54/PING extras.
/// </summary>
internal sealed class CameraStreamControl
{
    private const int UdpReceiveBufferSize = 2048;
    private const int TimestampRequest = 54; // C2D_TIMESTAMP from the vendor app, answered with 55 (spec §4.1)

    private readonly CameraState _state;
    private readonly SimulatedCameraOptions _options;
    private readonly string _deviceId;
    private readonly Socket _udp;
    private readonly SocketAddress _serverUdp;
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, Task> _sendTcp;
    private readonly Action<string> _onFatal;
    private readonly Func<Random> _newMediaRandom;
    private readonly CancellationToken _life;
    private readonly Lock _gate = new();

    private Task _mediaTask = Task.CompletedTask;

    // State of the current stream start, guarded by _gate.
    private string _cliTarget = string.Empty;
    private string _cliToken = string.Empty;
    private SocketAddress? _cliNat;
    private bool _natPending;
    private SocketAddress? _mediaTarget;
    private CancellationTokenSource? _streamCts;

    /// <summary>
    /// <paramref name="sendTcp"/> sends on the control connection and throws when it is gone; <paramref name="onFatal"/>
    /// is called when a TCP reply could not be sent (the connection is as good as lost); <paramref name="life"/> is
    /// cancelled when the session ends, and every stream is linked to it.
    /// </summary>
    public CameraStreamControl(CameraState state, string deviceId, Socket udp, SocketAddress serverUdp,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task> sendTcp, Action<string> onFatal, Func<Random> newMediaRandom,
        CancellationToken life)
    {
        _state = state;
        _options = state.Options;
        _deviceId = deviceId;
        _udp = udp;
        _serverUdp = serverUdp;
        _sendTcp = sendTcp;
        _onFatal = onFatal;
        _newMediaRandom = newMediaRandom;
        _life = life;
        LocalUdpEndPoint = (IPEndPoint)udp.LocalEndPoint!;
    }

    public IPEndPoint LocalUdpEndPoint { get; }

    /// <summary>The media loop of the current or last stream; completes once it has stopped sending.</summary>
    public Task MediaTask => _mediaTask;

    /// <summary>Where media and injected datagrams go: the address that answered 50, else host:tcpPort.</summary>
    public SocketAddress MediaTarget() => Volatile.Read(ref _mediaTarget) ?? _serverUdp;

    public async ValueTask SendUdpAsync(ReadOnlyMemory<byte> datagram, SocketAddress target, CancellationToken ct)
    {
        try
        {
            await _udp.SendToAsync(datagram, SocketFlags.None, target, ct).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            _state.Log($"UDP send failed: {e.SocketErrorCode}");
        }
    }

    /// <summary>Stops the current stream, if any (the session is closing or was lost).</summary>
    public void StopStreaming(StreamStopReason reason) => StopStreaming(reason, expected: null);

    public async Task OnNatRequestAsync(JsonElement request, CancellationToken ct)
    {
        lock (_gate)
        {
            _cliTarget = V720Json.GetString(request, "cliTarget") ?? string.Empty;
            _cliToken = V720Json.GetString(request, "cliToken") ?? string.Empty;
            _cliNat = UsableEndPoint(V720Json.GetString(request, "cliNatIp"), V720Json.GetInt(request, "cliNatPort"));
            _natPending = true;
            Volatile.Write(ref _mediaTarget, null);
        }
        _state.OnNatRequest();
        await SendUdpAsync(CameraMessages.UdpRequest, _serverUdp, ct).ConfigureAwait(false);
    }

    public async Task OnForwardAsync(string? target, int contentCode, JsonElement content, CancellationToken ct)
    {
        target ??= CurrentCliTarget();
        switch (contentCode)
        {
            case V720Code.BaseInfo:
                await _sendTcp(CameraMessages.Forward(target, _state.Settings.BaseInfoJson(_options.Firmware)), ct).ConfigureAwait(false);
                break;
            case V720Code.StartMedia:
                await _sendTcp(CameraMessages.Forward(target, "{\"code\":3}"), ct).ConfigureAwait(false);
                await StartStreamingAsync().ConfigureAwait(false);
                break;
            case V720Code.StopMedia:
                StopStreaming(StreamStopReason.StopCommand, expected: null);
                await _mediaTask.ConfigureAwait(false); // no media after the echo
                await _sendTcp(CameraMessages.Forward(target, "{\"code\":0}"), ct).ConfigureAwait(false);
                break;
            case V720Code.EnableRetransmission:
                break;
            default:
                _state.Settings.Apply(contentCode, content);
                await _sendTcp(CameraMessages.Forward(target, content.GetRawText()), ct).ConfigureAwait(false);
                break;
        }
    }

    private string CurrentCliTarget()
    {
        lock (_gate)
        {
            return _cliTarget;
        }
    }

    private async Task StartStreamingAsync()
    {
        await _mediaTask.ConfigureAwait(false); // a previous stream's loop has ended before the pkg_id counter is shared again
        CancellationTokenSource streamCts;
        lock (_gate)
        {
            if (_streamCts is not null || _life.IsCancellationRequested)
            {
                return; // already streaming: a repeated 301/3 is only echoed
            }
            streamCts = CancellationTokenSource.CreateLinkedTokenSource(_life);
            _streamCts = streamCts;
            _state.OnStreamStarted();
        }
        _state.Log("stream started");
        var sender = new MediaSender(_state, _udp, MediaTarget, _newMediaRandom());
        _mediaTask = RunStreamAsync(sender, streamCts);
    }

    private async Task RunStreamAsync(MediaSender sender, CancellationTokenSource streamCts)
    {
        var reason = StreamStopReason.ConnectionLost; // when the socket went away under the loop
        try
        {
            await sender.RunAsync(() => StopStreaming(StreamStopReason.MissingAcks, streamCts), streamCts.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A bug here must not leave a faulted task for Close to trip over: stop visibly instead.
            _state.Log($"media loop failed: {e}");
            reason = StreamStopReason.Fault;
        }
        StopStreaming(reason, streamCts); // no-op when the stream was already stopped
        streamCts.Dispose();
    }

    /// <summary>Stops the current stream; with <paramref name="expected"/>, only if that stream is still the current one.</summary>
    private void StopStreaming(StreamStopReason reason, CancellationTokenSource? expected)
    {
        CancellationTokenSource? streamCts;
        lock (_gate)
        {
            streamCts = _streamCts;
            if (streamCts is null || (expected is not null && !ReferenceEquals(streamCts, expected)))
            {
                return;
            }
            _streamCts = null;
            _state.OnStreamStopped(reason);
        }
        _state.Log($"stream stopped: {reason}");
        streamCts.Cancel();
    }

    public async Task ReadUdpLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[UdpReceiveBufferSize];
        var from = new SocketAddress(_udp.AddressFamily);
        while (!ct.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, from, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (!_life.IsCancellationRequested)
            {
                // An ICMP error reported on the socket (Windows does): UDP goes on.
                _state.Log($"UDP receive error {e.SocketErrorCode}");
                continue;
            }
            catch (SocketException)
            {
                return;
            }

            try
            {
                await HandleDatagramAsync(buffer.AsMemory(0, length), from, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is SimulatedCameraException or SocketException or ObjectDisposedException)
            {
                _onFatal(e.Message); // only TCP sends throw here: the 12 could not be sent
                return;
            }
            catch (Exception e)
            {
                _state.Log($"UDP datagram handling failed: {e}"); // one bad datagram must not stop the camera
            }
        }
    }

    private ValueTask HandleDatagramAsync(ReadOnlyMemory<byte> datagram, SocketAddress from, CancellationToken ct)
    {
        if (!V720Datagram.TryParse(datagram.Span, out var header, out var payload))
        {
            return ValueTask.CompletedTask;
        }

        switch (header.Cmd)
        {
            case V720Cmd.RetransmissionConfirm:
                var ids = new uint[payload.Length / 4];
                for (int i = 0; i < ids.Length; i++)
                {
                    ids[i] = BinaryPrimitives.ReadUInt32LittleEndian(payload[(i * 4)..]);
                }
                _state.OnAck(ids);
                return ValueTask.CompletedTask;
            case V720Cmd.Ping:
                return SendUdpAsync(CameraMessages.Pong, from, ct);
            case V720Cmd.Json:
                return HandleUdpJsonAsync(payload, from, ct);
            default:
                return ValueTask.CompletedTask;
        }
    }

    private ValueTask HandleUdpJsonAsync(ReadOnlySpan<byte> payload, SocketAddress from, CancellationToken ct)
    {
        using var document = V720Json.TryParseObject(payload);
        if (document is null)
        {
            return ValueTask.CompletedTask;
        }
        var root = document.RootElement;
        switch (V720Json.GetCode(root))
        {
            case V720Code.UdpResponse:
                return new ValueTask(OnUdpResponseAsync(V720Json.GetString(root, "ip") ?? string.Empty,
                    V720Json.GetInt(root, "port") ?? 0, ct));
            case V720Code.ProbeRequest:
                return OnProbeRequestAsync(from, ct);
            case TimestampRequest:
                long stamp = long.TryParse(V720Json.GetString(root, "timerStamp"), out var parsed) ? parsed : 0;
                return SendUdpAsync(CameraMessages.TimestampReply(stamp), from, ct);
            default:
                return ValueTask.CompletedTask;
        }
    }

    private async Task OnUdpResponseAsync(string devIp, int devPort, CancellationToken ct)
    {
        string cliTarget;
        string cliToken;
        SocketAddress probeTarget;
        lock (_gate)
        {
            if (!_natPending)
            {
                return; // a 21 without a pending 11, or a duplicate: the camera already answered
            }
            _natPending = false;
            cliTarget = _cliTarget;
            cliToken = _cliToken;
            probeTarget = _cliNat ?? _serverUdp;
        }
        await _sendTcp(CameraMessages.NatResponse(devIp, devPort, LocalUdpEndPoint.Address.ToString(), LocalUdpEndPoint.Port,
            cliTarget, cliToken), ct).ConfigureAwait(false);
        await SendUdpAsync(CameraMessages.ProbeResponse(_deviceId), probeTarget, ct).ConfigureAwait(false);
    }

    private ValueTask OnProbeRequestAsync(SocketAddress from, CancellationToken ct)
    {
        var peer = Copy(from);
        Volatile.Write(ref _mediaTarget, peer);
        _state.OnProbe();
        return SendUdpAsync(CameraMessages.ProbeResponse(_deviceId), peer, ct);
    }

    /// <summary>cliNatIp:cliNatPort when it is a unicast address of our family; 255.255.255.255:0 and the like fall back to host:tcpPort.</summary>
    private SocketAddress? UsableEndPoint(string? ip, int? port)
    {
        if (!IPAddress.TryParse(ip, out var address) || port is not (> 0 and <= 65535)
            || address.AddressFamily != _udp.AddressFamily
            || address.Equals(IPAddress.Broadcast) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return null;
        }
        return new IPEndPoint(address, port.Value).Serialize();
    }

    private static SocketAddress Copy(SocketAddress source)
    {
        var copy = new SocketAddress(source.Family, source.Size);
        source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }
}
