using System.Net;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// A V720 camera of our own for end-to-end tests and load benchmarks: HTTP bootstrap, TCP registration and
/// heartbeats, the 11/20/21/12/50/51 stream start, 301 commands, JPEG + audio media over UDP and the 605
/// watchdog, as protocols/v720.md describes a real camera. Everything is async on the thread pool, so
/// hundreds fit in one process. State reads are thread-safe; waits wake on state changes, not on polling.
/// </summary>
public sealed class SimulatedCamera : IAsyncDisposable
{
    private readonly CameraState _state;
    private readonly Random _random;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private readonly List<CameraSession> _lingering = [];
    private readonly Lock _reconnectGate = new();
    private SimulatedMqttClient? _mqtt;
    private BootstrapResult? _boot;
    private CameraSession? _session;
    private Task _autoReconnect = Task.CompletedTask;
    private int _streamNumber;
    private bool _offlineByRequest;

    private SimulatedCamera(SimulatedCameraOptions options)
    {
        _state = new CameraState(options);
        _random = options.Seed is int seed ? new Random(seed) : new Random();
    }

    public SimulatedCameraOptions Options => _state.Options;

    /// <summary>The uid: <see cref="SimulatedCameraOptions.DeviceId"/> or the one registerDevices assigned.</summary>
    public string DeviceId => _state.DeviceId;

    public bool IsRegistered => _state.IsRegistered;
    public bool IsStreaming => _state.IsStreaming;
    public StreamStopReason? LastStopReason => _state.LastStopReason;

    /// <summary>Settings as the camera holds them (changed by 201/202/203/205/210/216, reported by 301/4).</summary>
    public DeviceSettings Settings => _state.Settings;

    public long FramesSent => _state.FramesSent;

    /// <summary>Media datagrams (video and audio) that left the socket; dropped ones are in <see cref="PacketsDropped"/>.</summary>
    public long PacketsSent => _state.PacketsSent;
    public long AudioPacketsSent => _state.AudioPacketsSent;
    public long PacketsDropped => _state.PacketsDropped;
    public long CorruptFramesSent => _state.CorruptFramesSent;
    public long GarbageDatagramsSent => _state.GarbageDatagramsSent;
    public long HeartbeatsSent => _state.HeartbeatsSent;
    public long AcksReceived => _state.AcksReceived;
    /// <summary>UDP 50s received; the camera answers each with a 51, as firmware does (spec §5.2 step 4).</summary>
    public long ProbesReceived => _state.ProbesReceived;

    /// <summary>50s received since the last code 11 (the current or last stream start).</summary>
    public long ProbesThisStart => _state.ProbesThisStart;

    /// <summary>The most 50s any one stream start brought.</summary>
    public long MostProbesInOneStart => _state.MostProbesInOneStart;

    /// <summary>Code 11s received: the server's stream starts as the camera saw them.</summary>
    public long NatRequests => _state.NatRequests;

    /// <summary>Successful registrations (101 status 200), one per connection.</summary>
    public long Registrations => _state.Registrations;
    public long StreamStarts => _state.StreamStarts;
    public long StreamStops => _state.StreamStops;
    public long StoppedForMissingAcks => _state.StoppedForMissingAcks;

    /// <summary>Connections that ended without the test asking (server closed, reset, bad framing, stalled send).</summary>
    public long ConnectionsLost => _state.ConnectionsLost;

    /// <summary>The last media pkg_id used (video and audio share the counter).</summary>
    public uint LastPkgId => _state.LastPkgId;

    /// <summary>The newest JSON messages received on TCP, oldest first (bounded by CommandLogCapacity).</summary>
    public IReadOnlyList<ReceivedCommand> ReceivedCommands => _state.Commands.Snapshot();

    /// <summary>The newest 605s received, oldest first (bounded by AckLogCapacity).</summary>
    public IReadOnlyList<ReceivedAck> Acks => _state.Acks.Snapshot();

    /// <summary>The current connection's local TCP address, null while disconnected.</summary>
    public IPEndPoint? LocalTcpEndPoint => CurrentSession() is { IsOpen: true } session ? session.LocalTcpEndPoint : null;

    /// <summary>The current connection's UDP socket (reported as devNatIp/devNatPort in code 12), null while disconnected.</summary>
    public IPEndPoint? LocalUdpEndPoint => CurrentSession() is { IsOpen: true } session ? session.LocalUdpEndPoint : null;

    /// <summary>
    /// Boots the camera: HTTP bootstrap, TCP connect, register. Completes after the 101 with status 200;
    /// throws <see cref="SimulatedCameraException"/> naming the step that failed.
    /// </summary>
    public static async Task<SimulatedCamera> StartAsync(SimulatedCameraOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var camera = new SimulatedCamera(options);
        try
        {
            var boot = await CameraBootstrap.RunAsync(options, camera._random, ct).ConfigureAwait(false);
            camera._boot = boot;
            camera._state.SetDeviceId(boot.DeviceId);
            camera._state.Log($"bootstrap: control server {boot.Host}:{boot.TcpPort}");
            camera._session = await camera.ConnectSessionAsync(ct).ConfigureAwait(false);
            if (options.UseMqtt)
            {
                // Like the capture: MQTT right after the TCP registration (§5.1).
                camera._mqtt = await SimulatedMqttClient.ConnectAsync(options.ServerHost, options.MqttPort, boot.DeviceId, options.Firmware, camera._random, ct).ConfigureAwait(false);
            }
            return camera;
        }
        catch
        {
            await camera.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>MQTT packets published so far (Status, Info).</summary>
    public long MqttPublishes => _mqtt?.Publishes ?? 0;

    /// <summary>
    /// Sends PINGREQ on the MQTT side channel and waits for PINGRESP. The broker handles one connection's
    /// packets in order, so after this returns it has handled every earlier publish.
    /// </summary>
    public Task PingMqttAsync(CancellationToken ct = default) =>
        (_mqtt ?? throw new InvalidOperationException("The camera was started without UseMqtt.")).PingAsync(ct);

    /// <summary>Sends raw bytes on the control connection, e.g. a malformed header.</summary>
    public Task SendRawTcpAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default) =>
        RequireSession().SendTcpAsync(bytes, ct);

    /// <summary>Sends a raw datagram from the camera's UDP socket to where its media goes.</summary>
    public Task SendRawUdpAsync(ReadOnlyMemory<byte> datagram, CancellationToken ct = default)
    {
        var session = RequireSession();
        return session.SendUdpAsync(datagram, session.MediaTarget(), ct).AsTask();
    }

    /// <summary>Closes the control connection (FIN) and the UDP socket; the camera stays off until <see cref="ReconnectAsync(CancellationToken)"/>.</summary>
    public async Task DisconnectAsync(CancellationToken ct = default)
    {
        await _lifecycle.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _offlineByRequest = true;
            var session = _session;
            _session = null;
            if (session is not null)
            {
                await session.CloseAsync(linger: false).ConfigureAwait(false);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>New TCP connection and UDP socket, register again; the old connection is closed first.</summary>
    public Task ReconnectAsync(CancellationToken ct = default) => ReconnectAsync(lingerOldConnection: false, ct);

    /// <summary>
    /// Like a power cycle: new TCP connection and UDP socket, register again. With
    /// <paramref name="lingerOldConnection"/> the old TCP socket is left open and silent, as after a real power
    /// loss (the server sees no FIN; spec §5.4), until this camera is disposed.
    /// </summary>
    public async Task ReconnectAsync(bool lingerOldConnection, CancellationToken ct = default)
    {
        await _lifecycle.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            _offlineByRequest = false;
            var old = _session;
            _session = null;
            if (old is not null)
            {
                await old.CloseAsync(lingerOldConnection).ConfigureAwait(false);
                if (lingerOldConnection)
                {
                    _lingering.Add(old);
                }
            }
            _session = await ConnectSessionAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, re-checking it on every state change (no polling).
    /// Throws <see cref="TimeoutException"/> after <see cref="SimulatedCameraOptions.WaitTimeout"/> (wall clock).
    /// </summary>
    public Task WaitUntilAsync(Func<SimulatedCamera, bool> condition, CancellationToken ct = default) =>
        WaitUntilAsync(condition, Options.WaitTimeout, "the condition", ct);

    public Task WaitUntilAsync(Func<SimulatedCamera, bool> condition, TimeSpan timeout, CancellationToken ct = default) =>
        WaitUntilAsync(condition, timeout, "the condition", ct);

    public Task WaitRegisteredAsync(CancellationToken ct = default) =>
        WaitUntilAsync(c => c.IsRegistered, Options.WaitTimeout, "registered", ct);

    public Task WaitStreamingAsync(CancellationToken ct = default) =>
        WaitUntilAsync(c => c.IsStreaming, Options.WaitTimeout, "streaming", ct);

    /// <summary>Waits until the camera is not streaming (returns at once if it is not).</summary>
    public Task WaitStoppedAsync(CancellationToken ct = default) =>
        WaitUntilAsync(c => !c.IsStreaming, Options.WaitTimeout, "stream stopped", ct);

    /// <summary>Waits for the next 605 after this call and returns it.</summary>
    public async Task<ReceivedAck> WaitAckAsync(CancellationToken ct = default)
    {
        long before = AcksReceived;
        await WaitUntilAsync(c => c.AcksReceived > before, Options.WaitTimeout, "a 605", ct).ConfigureAwait(false);
        return Acks[^1];
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        _disposed.Cancel();
        if (_mqtt is not null)
        {
            await _mqtt.DisposeAsync().ConfigureAwait(false);
        }
        Task autoReconnect;
        lock (_reconnectGate)
        {
            autoReconnect = _autoReconnect;
        }
        await autoReconnect.ConfigureAwait(false);

        await _lifecycle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var session = _session;
            _session = null;
            if (session is not null)
            {
                await session.CloseAsync(linger: false).ConfigureAwait(false);
            }
            foreach (var lingering in _lingering)
            {
                lingering.DisposeLingeringSocket();
            }
            _lingering.Clear();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public override string ToString() =>
        $"SimulatedCamera {DeviceId} registered={IsRegistered} streaming={IsStreaming} frames={FramesSent} "
        + $"packets={PacketsSent} acks={AcksReceived} starts={StreamStarts} stops={StreamStops}";

    private async Task WaitUntilAsync(Func<SimulatedCamera, bool> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                // Take the change signal before checking, so a change in between cannot be missed.
                var changed = _state.Changes.NextChange();
                if (condition(this))
                {
                    return;
                }
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {timeout} for {what}: {this}.");
        }
    }

    private CameraSession? CurrentSession() => Volatile.Read(ref _session);

    private CameraSession RequireSession() =>
        CurrentSession() is { IsOpen: true } session
            ? session
            : throw new InvalidOperationException($"Camera {DeviceId} is not connected.");

    private async Task TryBootstrapAgainAsync(CancellationToken ct)
    {
        try
        {
            var boot = await CameraBootstrap.RunAsync(Options with { DeviceId = DeviceId }, _random, ct).ConfigureAwait(false);
            _boot = boot;
            _state.Log($"bootstrap again: control server {boot.Host}:{boot.TcpPort}");
        }
        catch (SimulatedCameraException e)
        {
            _state.Log($"bootstrap again failed: {e.Message}");
        }
    }

    private Task<CameraSession> ConnectSessionAsync(CancellationToken ct) =>
        CameraSession.ConnectAsync(_state, _boot!, NewMediaRandom, OnSessionLost, ct);

    /// <summary>Each stream gets its own generator, derived from the seed, so streams are reproducible one by one.</summary>
    private Random NewMediaRandom()
    {
        int stream = Interlocked.Increment(ref _streamNumber);
        // Not HashCode.Combine: its per-process random seed would make runs differ.
        return Options.Seed is int seed ? new Random(unchecked((seed * 7919) + stream)) : new Random();
    }

    private void OnSessionLost(CameraSession session)
    {
        if (Options.ReconnectDelay is not TimeSpan delay || _disposed.IsCancellationRequested)
        {
            return;
        }
        lock (_reconnectGate)
        {
            if (_autoReconnect.IsCompleted)
            {
                _autoReconnect = AutoReconnectAsync(session, delay, _disposed.Token);
            }
        }
    }

    /// <summary>Like the firmware after a lost connection: wait, reconnect and register, until it works or the camera is disposed.</summary>
    private async Task AutoReconnectAsync(CameraSession lost, TimeSpan delay, CancellationToken ct)
    {
        await Task.Yield(); // leave the lost session's read loop, which called us, before anything else
        try
        {
            while (true)
            {
                await Task.Delay(delay, _state.Time, ct).ConfigureAwait(false);
                await _lifecycle.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    if (_offlineByRequest || (_session is not null && !ReferenceEquals(_session, lost)))
                    {
                        return; // the test disconnected or reconnected in the meantime
                    }
                    _session = null;
                    await lost.CloseAsync(linger: false).ConfigureAwait(false);
                    _session = await ConnectSessionAsync(ct).ConfigureAwait(false);
                    return;
                }
                catch (SimulatedCameraException e)
                {
                    _state.Log($"reconnect failed, retrying in {delay}: {e.Message}");
                    if (Options.BootstrapAgainWhenServerGone)
                    {
                        await TryBootstrapAgainAsync(ct).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _lifecycle.Release();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // disposed
        }
    }
}
