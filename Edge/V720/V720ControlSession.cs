using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using CameraCloud.Cameras;
using CameraCloud.Cluster;
using CameraCloud.Codecs.V720;

namespace CameraCloud.Edge.V720;

/// <summary>
/// One camera's TCP control connection (§3, §4, §5): framing, registration, heartbeats and the §5.2
/// start/stop sequence. It is the grain's <see cref="ICameraDeviceLink"/>: the grain decides, the session
/// speaks the wire. All writes go through one bounded queue and one writer loop.
/// </summary>
public sealed class V720ControlSession : ICameraDeviceLink
{
    private static readonly JsonSerializerOptions ContentJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static long s_nextLinkId;

    private readonly IDuplexPipe _transport;
    private readonly V720SessionServices _services;
    private readonly Channel<byte[]> _outgoing;
    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _phaseGate = new();
    private readonly string _clientTarget = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _clientToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private V720StreamPhase _phase;
    private DateTimeOffset _startSentAt = DateTimeOffset.MinValue;
    private CancellationTokenSource? _pendingStop;
    private string? _uid;
    private ICameraGrain? _grain;
    private V720MediaChannel? _media;
    private DeviceLease? _lease;
    private string? _closeReason;

    /// <param name="transport">The control connection.</param>
    /// <param name="remoteEndPoint">The camera's address as shown in logs and the API.</param>
    /// <param name="services">What every session shares.</param>
    /// <param name="remoteAddress">
    /// The IP of the control connection: the only source the camera's UDP probes are taken from. Null (a session
    /// over something that is not a socket) takes none.
    /// </param>
    public V720ControlSession(IDuplexPipe transport, string remoteEndPoint, V720SessionServices services, IPAddress? remoteAddress = null)
    {
        _transport = transport;
        _services = services;
        RemoteEndPoint = remoteEndPoint;
        RemoteAddress = remoteAddress is { IsIPv4MappedToIPv6: true } ? remoteAddress.MapToIPv4() : remoteAddress;
        LinkId = Interlocked.Increment(ref s_nextLinkId);
        _outgoing = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(services.Options.MaxQueuedControlMessages)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public long LinkId { get; }

    public string RemoteEndPoint { get; }

    /// <summary>The control connection's IP (IPv4 as IPv4, also when it came in as IPv4-mapped IPv6).</summary>
    public IPAddress? RemoteAddress { get; }

    public string? CameraId => _uid;

    public V720StreamPhase Phase
    {
        get
        {
            lock (_phaseGate)
            {
                return _phase;
            }
        }
    }

    /// <summary>The media half; exists once the camera registered.</summary>
    public V720MediaChannel Media => _media ?? throw new InvalidOperationException("The camera has not registered.");

    /// <summary>Runs the connection until the camera leaves, goes quiet, misbehaves or is replaced.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        var writer = WriteLoopAsync(linked.Token);
        var reason = "connection closed by the camera";
        try
        {
            reason = await ReadLoopAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            reason = _closeReason ?? (cancellationToken.IsCancellationRequested ? "node shutting down" : "connection closed");
        }
        catch (IOException ex)
        {
            reason = $"connection lost: {ex.Message}";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failure behind this connection (a grain or storage error) ends this camera's session only.
            EdgeLog.ControlSessionFailed(_services.Logger, _uid ?? RemoteEndPoint, ex);
            reason = $"internal error: {ex.Message}";
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            await _closed.CancelAsync();
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await EndAsync(reason);
        }
    }

    // ---- ICameraDeviceLink ----

    public Task StartStreamAsync(CancellationToken cancellationToken)
    {
        lock (_phaseGate)
        {
            CancelPendingStop();
            _phase = V720StreamPhase.AwaitingProbe;
        }
        _media?.BeginStream();
        // cliIp/cliPort are "any": a camera that cannot reach them falls back to host:tcpPort (§5.2 step 1).
        Send(V720Messages.NatRequest(_clientTarget, _clientToken, _services.PublicHost.ToString(), _services.Options.TcpPort));
        EdgeLog.StreamSequenceStarted(_services.Logger, _uid ?? "?");
        return Task.CompletedTask;
    }

    public Task StopStreamAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_phaseGate)
        {
            if (_phase == V720StreamPhase.Idle)
            {
                return Task.CompletedTask;
            }
            wait = _startSentAt + _services.Options.MinStartToStop - _services.Time.GetUtcNow();
            CancelPendingStop();
            if (wait > TimeSpan.Zero)
            {
                // Never 301/0 right after 301/3: stop once the start has settled, unless a new start comes first.
                _pendingStop = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
                _ = StopLaterAsync(wait, _pendingStop.Token);
                return Task.CompletedTask;
            }
        }
        StopNow();
        return Task.CompletedTask;
    }

    public Task SendCommandAsync(CameraCommand command, CancellationToken cancellationToken)
    {
        Send(V720Messages.Forward(_clientTarget, command.ContentJson));
        return Task.CompletedTask;
    }

    public Task CloseAsync(string reason)
    {
        _closeReason = reason;
        _closed.Cancel();
        return Task.CompletedTask;
    }

    public MediaCounters ReadMediaCounters() => _media?.ReadCounters() ?? MediaCounters.Empty;

    /// <summary>The UDP side bound this camera's peer (first 51 of a start): continue the sequence.</summary>
    public void OnProbeResponse()
    {
        lock (_phaseGate)
        {
            if (_phase != V720StreamPhase.AwaitingProbe)
            {
                return;
            }
            _phase = V720StreamPhase.AwaitingBaseInfo;
        }
        Send(V720Messages.DeviceStatus());
        Send(V720Messages.Forward(_clientTarget, V720Messages.EnableRetransmission()));
        Send(V720Messages.Forward(_clientTarget, V720Messages.BaseInfoRequest(_services.Time.GetUtcNow().ToUnixTimeSeconds())));
    }

    // ---- reading ----

    private async Task<string> ReadLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _transport.Input;
        // The session's clock, not the machine's, as for the stop delay: silence is measured in TimeProvider time.
        using var idle = new CancellationTokenSource(_services.Options.ControlIdleTimeout, _services.Time);
        using var readCancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        while (true)
        {
            idle.CancelAfter(_services.Options.ControlIdleTimeout);
            System.IO.Pipelines.ReadResult result;
            try
            {
                result = await reader.ReadAsync(readCancelled.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"no message for {_services.Options.ControlIdleTimeout.TotalSeconds:0} s";
            }

            var buffer = result.Buffer;
            V720ReadStatus status;
            try
            {
                while ((status = V720StreamReader.TryRead(ref buffer, _services.Options.MaxControlPayload, out var message)) == V720ReadStatus.Message)
                {
                    await HandleAsync(message!, cancellationToken);
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (status == V720ReadStatus.Invalid)
            {
                EdgeLog.ControlFramingInvalid(_services.Logger, RemoteEndPoint, _uid ?? "?");
                return "invalid framing (payload length over the limit)";
            }
            if (result.IsCompleted)
            {
                return "connection closed by the camera";
            }
        }
    }

    private async Task HandleAsync(V720Message message, CancellationToken cancellationToken)
    {
        switch (message.Cmd)
        {
            case V720Cmd.Heartbeat:
                Send(V720Writer.ToArray(V720Cmd.Heartbeat, []));
                if (_grain is not null)
                {
                    await _grain.DeviceHeartbeatAsync(LinkId, cancellationToken);
                }
                break;
            case V720Cmd.Json:
                await HandleJsonAsync(message.Payload, cancellationToken);
                break;
            default:
                EdgeLog.ControlMessageIgnored(_services.Logger, _uid ?? RemoteEndPoint, message.Cmd, -1);
                break;
        }
    }

    private async Task HandleJsonAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        using var document = V720Json.TryParseObject(payload.Span);
        if (document is null)
        {
            EdgeLog.ControlJsonInvalid(_services.Logger, _uid ?? RemoteEndPoint, payload.Length);
            return;
        }
        var root = document.RootElement;
        var code = V720Json.GetCode(root);
        if (code == V720Code.RegisterRequest)
        {
            await RegisterAsync(V720Json.GetString(root, "uid"), V720Json.GetString(root, "token"), V720Json.GetString(root, "domain"), cancellationToken);
            return;
        }
        if (_grain is null)
        {
            EdgeLog.ControlMessageIgnored(_services.Logger, RemoteEndPoint, V720Cmd.Json, code ?? -1);
            return;
        }

        switch (code)
        {
            case V720Code.Forward:
                await HandleForwardReplyAsync(root, cancellationToken);
                break;
            case V720Code.NatResponse:
                // The camera's view of its addresses; the media peer is bound by the probe that follows.
                break;
            default:
                EdgeLog.ControlMessageIgnored(_services.Logger, _uid!, V720Cmd.Json, code ?? -1);
                break;
        }
    }

    private async Task RegisterAsync(string? uid, string? token, string? domain, CancellationToken cancellationToken)
    {
        if (!CameraCloud.Cameras.CameraId.TryNormalize(uid, out var cameraId))
        {
            EdgeLog.RegisterRejected(_services.Logger, RemoteEndPoint, Logging.UntrustedText.ForLog(uid));
            return;
        }
        if (_uid is not null && _uid != cameraId)
        {
            EdgeLog.RegisterRejected(_services.Logger, RemoteEndPoint, Logging.UntrustedText.ForLog(uid));
            return;
        }

        var first = _uid is null;
        _uid = cameraId;
        _media ??= new V720MediaChannel(_uid, _services.Options.MaxFrameBytes, _services.Time, OnFrame, OnAudio);
        _grain = _services.Grains.GetGrain<ICameraGrain>(_uid);
        if (first)
        {
            _services.Registry.Register(_uid, this);
            // Claimed before the 101, so that a camera told it is registered is owned here: of two connections
            // answered one after the other, the later one owns the camera.
            if (!await TryClaimAsync(cancellationToken))
            {
                return;
            }
        }
        // Before the grain hears of the link: anything it sends the camera (a stream start) must follow the 101.
        Send(V720Messages.RegisterResponse());
        if (first)
        {
            await _grain.DeviceConnectedAsync(new DeviceHello(token ?? "", domain, RemoteEndPoint), this, cancellationToken);
        }
    }

    /// <summary>
    /// Makes this node the camera's owner in the directory. Without the directory the camera is let go: it dials
    /// again within seconds, and a session nobody else can find would be worse than a short wait.
    /// </summary>
    private async Task<bool> TryClaimAsync(CancellationToken cancellationToken)
    {
        try
        {
            _lease = await _services.Directory.ClaimAsync(DeviceKey.Camera(_uid!), OnFencedAsync, cancellationToken);
            return true;
        }
        catch (DirectoryUnavailableException ex)
        {
            EdgeLog.ClaimFailed(_services.Logger, _uid!, RemoteEndPoint, ex.Message);
            _grain = null;
            await CloseAsync("the device directory is unavailable; the camera will dial again");
            return false;
        }
    }

    private Task OnFencedAsync(DeviceFencing fencing)
    {
        EdgeLog.Fenced(_services.Logger, fencing.Device.Id, RemoteEndPoint, fencing.LostEpoch, fencing.NewOwner.NodeId, fencing.NewOwner.Epoch);
        return CloseAsync($"the camera connected to node {fencing.NewOwner.NodeId} (epoch {fencing.NewOwner.Epoch})");
    }

    private async Task HandleForwardReplyAsync(JsonElement root, CancellationToken cancellationToken)
    {
        // Read from the leniently parsed envelope: parsing the raw text again, strictly, would throw on the
        // camera's hand-formatted JSON (§3.1, e.g. a trailing comma) and end the connection.
        if (!root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        switch (V720Json.GetCode(content))
        {
            case V720Code.BaseInfo:
                // Normalised, so that the grain can store and parse it with a strict reader.
                await _grain!.BaseInfoReportedAsync(JsonSerializer.Serialize(content, ContentJson), cancellationToken);
                bool sendStart;
                lock (_phaseGate)
                {
                    sendStart = _phase == V720StreamPhase.AwaitingBaseInfo;
                    if (sendStart)
                    {
                        _phase = V720StreamPhase.Started;
                        _startSentAt = _services.Time.GetUtcNow();
                    }
                }
                if (sendStart)
                {
                    Send(V720Messages.Forward(_clientTarget, V720Messages.StartMedia()));
                }
                break;
            default:
                // Echoes of 3 (started), 0 (stopped) and of settings: nothing to do beyond noting them.
                break;
        }
    }

    private void OnFrame(JpegFrame frame) => Forget(_grain?.FrameReceivedAsync(frame, CancellationToken.None));

    private void OnAudio(AudioChunk chunk) => Forget(_grain?.AudioReceivedAsync(chunk, CancellationToken.None));

    private void Forget(Task? task)
    {
        // The UDP loop must not wait for a grain turn; a failure is logged, never thrown into the loop.
        task?.ContinueWith(
            static (t, state) => EdgeLog.GrainCallFailed(((V720ControlSession)state!)._services.Logger, t.Exception!.GetBaseException()),
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    // ---- writing ----

    private void Send(string json) => Send(V720Writer.JsonToArray(json));

    private void Send(byte[] message)
    {
        if (!_outgoing.Writer.TryWrite(message) && !_closed.IsCancellationRequested)
        {
            // The camera stopped reading: holding more would only grow memory. Drop the connection.
            _ = CloseAsync($"camera not reading ({_services.Options.MaxQueuedControlMessages} messages queued)");
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var output = _transport.Output;
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken))
            {
                output.Write(message);
                if (_outgoing.Reader.Count == 0)
                {
                    var flush = await output.FlushAsync(cancellationToken);
                    if (flush.IsCompleted)
                    {
                        return;
                    }
                }
            }
            await output.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    // ---- stopping ----

    private async Task StopLaterAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, _services.Time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        StopNow(cancellationToken);
    }

    /// <param name="pendingStop">The token of a delayed stop: a start that cancelled it after the delay ended still wins.</param>
    private void StopNow(CancellationToken pendingStop = default)
    {
        lock (_phaseGate)
        {
            // Checked under the lock a start cancels under, so a start never gets a 301/0 right behind its 11.
            if (_phase == V720StreamPhase.Idle || pendingStop.IsCancellationRequested)
            {
                return;
            }
            _phase = V720StreamPhase.Idle;
            // Undisposed, its link to the session's close token would live as long as the connection.
            _pendingStop?.Dispose();
            _pendingStop = null;
        }
        Send(V720Messages.Forward(_clientTarget, V720Messages.StopMedia()));
        if (_media is not null)
        {
            _services.Udp.EndStream(_media);
        }
        EdgeLog.StreamStopped(_services.Logger, _uid ?? "?");
    }

    private void CancelPendingStop()
    {
        _pendingStop?.Cancel();
        _pendingStop?.Dispose();
        _pendingStop = null;
    }

    private async Task EndAsync(string reason)
    {
        lock (_phaseGate)
        {
            CancelPendingStop();
            _phase = V720StreamPhase.Idle;
        }
        if (_media is not null)
        {
            _services.Udp.EndStream(_media);
        }
        if (_uid is not null)
        {
            EdgeLog.ControlClosed(_services.Logger, _uid, RemoteEndPoint, reason);
            if (_grain is not null)
            {
                try
                {
                    await _grain.DeviceDisconnectedAsync(LinkId, reason, CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    EdgeLog.GrainCallFailed(_services.Logger, ex);
                }
            }
            if (_lease is not null)
            {
                await _lease.DisposeAsync();
            }
            // Last, so that whoever watches the registry sees a camera the grain already knows is gone.
            _services.Registry.Unregister(_uid, this);
        }
    }
}
