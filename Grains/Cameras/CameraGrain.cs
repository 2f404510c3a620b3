using System.Text.Json;
using CameraCloud.Actors;
using CameraCloud.Cameras;
using CameraCloud.Grains.Media;
using CameraCloud.Grains.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Grains.Cameras;

/// <summary>
/// One V720 camera: its registry record and its live session. Streams run only while someone watches:
/// the first viewer starts the §5.2 sequence through the device link, the last one stops it after a
/// grace period, and a watchdog re-runs the start when viewers wait and no frame comes.
/// </summary>
/// <remarks>
/// Nodes share the record, and an activation may outlive the device's stay on its node (a REST call
/// activates an offline camera anywhere; a camera that moved leaves its old activation behind). So every
/// change goes through <see cref="UpdateStateAsync"/>, which lands it on top of another node's newer write,
/// and without a link here the record is read again before it is shown or changed.
/// </remarks>
public sealed class CameraGrain(
    [PersistentState("camera")] IPersistentState<CameraState> state,
    IOptions<CameraSessionOptions> options,
    ILogger<CameraGrain> logger) : Grain, ICameraGrain
{
    private readonly CameraSessionOptions _options = options.Value;
    private readonly MediaBroadcast<JpegFrame> _video = new(options.Value.VideoQueuePerViewer);
    private readonly MediaBroadcast<AudioChunk> _audio = new(options.Value.AudioQueuePerListener);

    // Device grains see little contention: a conflict means one other node wrote in between.
    private const int MaxWriteAttempts = 4;

    private ICameraDeviceLink? _link;
    private string? _remoteEndPoint;
    private DateTimeOffset? _lastSeen;
    private DateTimeOffset _lastSeenWritten;
    private JpegFrame? _latestFrame;
    private long _framesReceived;
    private long _nextSubscriptionId;
    private long _watchdogRestarts;
    private bool _streamRequested;
    private DateTimeOffset _streamRequestedAt;
    private IDisposable? _stopTimer;
    private IDisposable? _watchdogTimer;

    private int Viewers => _video.Count + _audio.Count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (CameraId.Normalize(GrainKey) != GrainKey)
        {
            // Another spelling would be another record: ids are normalized where they enter, and only there.
            throw new ArgumentException($"Camera grains are keyed by the id in lower case ('{CameraId.Normalize(GrainKey)}', not '{GrainKey}').");
        }
        _lastSeen = state.State.LastSeen;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _video.CompleteAll();
        _audio.CompleteAll();
        if (state.RecordExists && Timestamps.IsLater(_lastSeen, state.State.LastSeen))
        {
            var seen = _lastSeen;
            await UpdateStateAsync(s => s with { LastSeen = Timestamps.Later(s.LastSeen, seen) }, cancellationToken);
        }
    }

    // ---- device side ----

    public async Task BootstrappedAsync(BootstrapReport report, CancellationToken cancellationToken)
    {
        await RefreshIfOfflineAsync(cancellationToken);
        var now = Time.GetUtcNow();
        _lastSeen = Timestamps.Later(_lastSeen, now);
        await RecordDeviceAsync(s => s with
        {
            Firmware = report.Firmware ?? s.Firmware,
            FirstSeen = s.FirstSeen ?? now,
            LastSeen = Timestamps.Later(s.LastSeen, now),
            LastAddress = report.RemoteAddress,
            ProvisionedHere = s.ProvisionedHere || report.Endpoint == "registerDevices",
        }, cancellationToken);
    }

    public async Task DeviceConnectedAsync(DeviceHello hello, ICameraDeviceLink link, CancellationToken cancellationToken)
    {
        // This node takes the device: start from the record as the store holds it, not as this activation last saw it.
        await state.ReadStateAsync(cancellationToken);
        var previous = _link;
        _link = link;
        _remoteEndPoint = hello.RemoteEndPoint;
        if (previous is not null && previous.LinkId != link.LinkId)
        {
            CameraGrainLog.LinkReplaced(logger, GrainKey, previous.RemoteEndPoint, link.RemoteEndPoint);
            await previous.CloseAsync("a newer connection of the same camera registered");
        }

        var now = Time.GetUtcNow();
        _lastSeen = Timestamps.Later(_lastSeen, now);
        var isNew = await RecordDeviceAsync(s => s with
        {
            FirstSeen = s.FirstSeen ?? now,
            LastSeen = Timestamps.Later(s.LastSeen, now),
            LastAddress = hello.RemoteEndPoint,
        }, cancellationToken);
        CameraGrainLog.Online(logger, GrainKey, link.RemoteEndPoint, isNew);

        if (Viewers > 0)
        {
            // Viewers waited through a reconnect: start on the new link right away.
            await RequestStreamAsync(cancellationToken);
        }
    }

    public async Task DeviceHeartbeatAsync(long linkId, CancellationToken cancellationToken)
    {
        if (_link?.LinkId != linkId)
        {
            return;
        }
        var now = Time.GetUtcNow();
        _lastSeen = Timestamps.Later(_lastSeen, now);
        if (now - _lastSeenWritten >= _options.LastSeenWriteInterval && state.RecordExists)
        {
            await UpdateStateAsync(s => s with { LastSeen = Timestamps.Later(s.LastSeen, now) }, cancellationToken);
        }
    }

    public async Task DeviceDisconnectedAsync(long linkId, string reason, CancellationToken cancellationToken)
    {
        if (_link?.LinkId != linkId)
        {
            return;
        }
        _link = null;
        _streamRequested = false;
        // The watchdog has nothing to restart without a link; a reconnect with viewers waiting re-arms it.
        _watchdogTimer?.Dispose();
        _watchdogTimer = null;
        CameraGrainLog.Offline(logger, GrainKey, reason);
        if (state.RecordExists)
        {
            // Only last seen, and never backwards: the device may be online on another node by now, which
            // wrote a later time and its own address.
            var seen = _lastSeen;
            await UpdateStateAsync(s => s with { LastSeen = Timestamps.Later(s.LastSeen, seen) }, cancellationToken);
        }
    }

    public async Task BaseInfoReportedAsync(string contentJson, CancellationToken cancellationToken)
    {
        if (!state.RecordExists || state.State.BaseInfoJson == contentJson)
        {
            return;
        }
        var firmware = TryReadString(contentJson, "version");
        await UpdateStateAsync(s => s with { BaseInfoJson = contentJson, Firmware = firmware ?? s.Firmware }, cancellationToken);
    }

    public async Task MqttStatusReportedAsync(int status, CancellationToken cancellationToken)
    {
        if (!state.RecordExists || state.State.MqttStatus == status)
        {
            return;
        }
        await UpdateStateAsync(s => s with { MqttStatus = status }, cancellationToken);
    }

    public async Task MqttInfoReportedAsync(string infoJson, CancellationToken cancellationToken)
    {
        if (!state.RecordExists || state.State.MqttInfoJson == infoJson)
        {
            return;
        }
        await UpdateStateAsync(s => s with { MqttInfoJson = infoJson }, cancellationToken);
    }

    public Task FrameReceivedAsync(JpegFrame frame, CancellationToken cancellationToken)
    {
        _framesReceived++;
        _latestFrame = frame;
        _lastSeen = Timestamps.Later(_lastSeen, frame.ReceivedAt);
        _video.Publish(frame);
        return Task.CompletedTask;
    }

    public Task AudioReceivedAsync(AudioChunk chunk, CancellationToken cancellationToken)
    {
        _audio.Publish(chunk);
        return Task.CompletedTask;
    }

    // ---- viewer side ----

    public async Task<CameraInfo?> GetInfoAsync(CancellationToken cancellationToken)
    {
        if (_link is null)
        {
            await RefreshIfOfflineAsync(cancellationToken);
        }
        else
        {
            await RefreshWhileOnlineAsync(cancellationToken);
        }
        return state.RecordExists ? BuildInfo() : null;
    }

    public async Task<CameraInfo?> RenameAsync(string name, CancellationToken cancellationToken)
    {
        await RefreshIfOfflineAsync(cancellationToken);
        if (!state.RecordExists || !await UpdateStateAsync(s => s with { Name = name }, cancellationToken))
        {
            return null;
        }
        return BuildInfo();
    }

    public async Task<bool> DeleteAsync(CancellationToken cancellationToken)
    {
        await RefreshIfOfflineAsync(cancellationToken);
        if (!state.RecordExists)
        {
            return false;
        }
        var link = _link;
        _link = null;
        _streamRequested = false;
        _video.CompleteAll();
        _audio.CompleteAll();
        StopTimers();
        var removed = await OptimisticState.ClearAsync(state, MaxWriteAttempts, Record, cancellationToken);
        await GrainFactory.GetGrain<ICameraIndexGrain>(ICameraIndexGrain.DefaultKey).RemoveAsync(GrainKey, cancellationToken);
        if (link is not null)
        {
            await link.CloseAsync("the camera was deleted");
        }
        if (removed)
        {
            CameraGrainLog.Deleted(logger, GrainKey);
        }
        DeactivateOnIdle();
        return removed;
    }

    public async Task<IMediaSubscription<JpegFrame>> WatchVideoAsync(CancellationToken cancellationToken)
    {
        await EnsureOnlineAsync(cancellationToken);
        var subscription = _video.Add(++_nextSubscriptionId, ReleaseFromOutside);
        await JoinOrForgetAsync(subscription.SubscriptionId, cancellationToken);
        return subscription;
    }

    public async Task<IMediaSubscription<AudioChunk>> ListenAudioAsync(CancellationToken cancellationToken)
    {
        await EnsureOnlineAsync(cancellationToken);
        var subscription = _audio.Add(++_nextSubscriptionId, ReleaseFromOutside);
        await JoinOrForgetAsync(subscription.SubscriptionId, cancellationToken);
        return subscription;
    }

    public Task<JpegFrame?> GetLatestFrameAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var frame = _latestFrame;
        return Task.FromResult(frame is not null && Time.GetUtcNow() - frame.ReceivedAt <= maxAge ? frame : null);
    }

    public Task ReleaseSubscriptionAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        if ((_video.Remove(subscriptionId) || _audio.Remove(subscriptionId)) && Viewers == 0 && _streamRequested)
        {
            _stopTimer?.Dispose();
            _stopTimer = RegisterTimer(StopIfStillUnwatchedAsync, _options.StopGracePeriod, Timeout.InfiniteTimeSpan);
        }
        return Task.CompletedTask;
    }

    public async Task SendCommandAsync(CameraCommand command, CancellationToken cancellationToken)
    {
        var link = await EnsureOnlineAsync(cancellationToken);
        CameraGrainLog.CommandSent(logger, GrainKey, command.Setting, command.MaskedContentJson);
        await link.SendCommandAsync(command, cancellationToken);
    }

    // ---- stream on demand ----

    /// <summary>Starts the stream for a new subscriber; a failed start leaves no phantom viewer behind.</summary>
    private async Task JoinOrForgetAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await ViewerJoinedAsync(cancellationToken);
        }
        catch
        {
            _video.Remove(subscriptionId);
            _audio.Remove(subscriptionId);
            throw;
        }
    }

    private async Task ViewerJoinedAsync(CancellationToken cancellationToken)
    {
        _stopTimer?.Dispose();
        _stopTimer = null;
        if (!_streamRequested)
        {
            await RequestStreamAsync(cancellationToken);
        }
    }

    private async Task RequestStreamAsync(CancellationToken cancellationToken)
    {
        if (_link is not { } link)
        {
            return;
        }
        _streamRequested = true;
        _streamRequestedAt = Time.GetUtcNow();
        _watchdogTimer ??= RegisterTimer(WatchdogAsync, _options.WatchdogInterval, _options.WatchdogInterval);
        CameraGrainLog.StreamStarting(logger, GrainKey, Viewers);
        await link.StartStreamAsync(cancellationToken);
    }

    private async Task StopIfStillUnwatchedAsync(CancellationToken cancellationToken)
    {
        _stopTimer?.Dispose();
        _stopTimer = null;
        if (Viewers > 0 || !_streamRequested)
        {
            return;
        }
        _streamRequested = false;
        _watchdogTimer?.Dispose();
        _watchdogTimer = null;
        CameraGrainLog.StreamStopping(logger, GrainKey);
        if (_link is { } link)
        {
            await link.StopStreamAsync(cancellationToken);
        }
    }

    private async Task WatchdogAsync(CancellationToken cancellationToken)
    {
        if (!_streamRequested || Viewers == 0 || _link is null)
        {
            return;
        }
        var now = Time.GetUtcNow();
        var lastActivity = _latestFrame is { } frame && frame.ReceivedAt > _streamRequestedAt ? frame.ReceivedAt : _streamRequestedAt;
        if (now - lastActivity < _options.WatchdogTimeout)
        {
            return;
        }
        _watchdogRestarts++;
        CameraGrainLog.WatchdogRestart(logger, GrainKey, (now - lastActivity).TotalSeconds);
        await RequestStreamAsync(cancellationToken);
    }

    // ---- helpers ----

    private Task ReleaseFromOutside(long subscriptionId) =>
        GrainFactory.GetGrain<ICameraGrain>(GrainKey).ReleaseSubscriptionAsync(subscriptionId, CancellationToken.None);

    private async Task<ICameraDeviceLink> EnsureOnlineAsync(CancellationToken cancellationToken)
    {
        // Offline here: the record tells "deleted elsewhere" (not found) from "offline".
        await RefreshIfOfflineAsync(cancellationToken);
        if (!state.RecordExists)
        {
            throw new CameraNotFoundException(GrainKey);
        }
        return _link ?? throw new CameraOfflineException(GrainKey);
    }

    private void StopTimers()
    {
        _stopTimer?.Dispose();
        _stopTimer = null;
        _watchdogTimer?.Dispose();
        _watchdogTimer = null;
    }

    private string Record => $"The record of camera '{GrainKey}'";

    /// <summary>
    /// The one way the record changes: <paramref name="change"/> is applied to the current state and written;
    /// when another node wrote in between, the record is read again and the change applied to that (bounded).
    /// A record this activation knew is never recreated: once another node deleted it, nothing is written.
    /// </summary>
    /// <returns>False when the record is gone (deleted on another node): nothing was written.</returns>
    private async Task<bool> UpdateStateAsync(Func<CameraState, CameraState> change, CancellationToken cancellationToken)
    {
        var written = await OptimisticState.UpdateAsync(
            state, change, mustExist: state.RecordExists, MaxWriteAttempts, Record, cancellationToken);
        if (written)
        {
            _lastSeenWritten = state.State.LastSeen ?? _lastSeenWritten;
            _lastSeen = Timestamps.Later(_lastSeen, state.State.LastSeen);
        }
        return written;
    }

    /// <summary>Records what the device itself reported: creates the record when there is none (also when it was just deleted).</summary>
    /// <returns>True when the record was created. Either way the camera is listed in the index.</returns>
    private async Task<bool> RecordDeviceAsync(Func<CameraState, CameraState> change, CancellationToken cancellationToken)
    {
        var isNew = !state.RecordExists;
        if (!await UpdateStateAsync(change, cancellationToken))
        {
            // Deleted on another node since it was read; the device is here, so it registers anew.
            isNew = true;
            await UpdateStateAsync(change, cancellationToken);
        }
        // Every time, not only for a new record: a node that died within the index's write-behind took the
        // addition with it, and the camera reporting itself here is what puts it back. Known ids cost no write.
        await GrainFactory.GetGrain<ICameraIndexGrain>(ICameraIndexGrain.DefaultKey).AddAsync(GrainKey, cancellationToken);
        return isNew;
    }

    /// <summary>
    /// Without a link here the device may be on another node, which renames, deletes and updates the record
    /// there: read it again (one small read) before showing or changing it.
    /// </summary>
    /// <summary>
    /// The record as stored, though this node holds the camera: while the directory could not say who holds it,
    /// another node may have served a change to the record itself. Every write here merges into the stored record
    /// anyway; this keeps what is shown from lagging behind. A store that does not answer leaves the copy held here,
    /// so an online camera can still be shown while the store is away.
    /// </summary>
    private async Task RefreshWhileOnlineAsync(CancellationToken cancellationToken)
    {
        var held = state.State;
        var heldExists = state.RecordExists;
        try
        {
            await state.ReadStateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && heldExists)
        {
            CameraGrainLog.RecordReadFailed(logger, GrainKey, ex.Message);
            state.State = held;
            return;
        }
        _lastSeen = Timestamps.Later(_lastSeen, state.State.LastSeen);
    }

    private async Task RefreshIfOfflineAsync(CancellationToken cancellationToken)
    {
        if (_link is not null)
        {
            return;
        }
        await state.ReadStateAsync(cancellationToken);
        _lastSeen = Timestamps.Later(_lastSeen, state.State.LastSeen);
    }

    private CameraInfo BuildInfo()
    {
        var s = state.State;
        var media = _link?.ReadMediaCounters() ?? MediaCounters.Empty;
        return new CameraInfo(
            GrainKey,
            s.Name,
            s.Firmware,
            s.FirstSeen,
            Timestamps.Later(_lastSeen, s.LastSeen),
            _link is not null,
            _link is not null ? _remoteEndPoint : s.LastAddress,
            ParseObject(s.BaseInfoJson),
            s.MqttStatus,
            ParseObject(s.MqttInfoJson),
            new LiveSessionInfo(
                Viewers,
                _streamRequested,
                _latestFrame?.ReceivedAt,
                _framesReceived,
                _video.Dropped + _audio.Dropped,
                _watchdogRestarts,
                media));
    }

    private static JsonElement? ParseObject(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? TryReadString(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
