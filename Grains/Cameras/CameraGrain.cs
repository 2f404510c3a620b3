using System.Text.Json;
using CameraCloud.Actors;
using CameraCloud.Cameras;
using CameraCloud.Grains.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Grains.Cameras;

/// <summary>
/// One V720 camera: its registry record and its live session. Streams run only while someone watches:
/// the first viewer starts the §5.2 sequence through the device link, the last one stops it after a
/// grace period, and a watchdog re-runs the start when viewers wait and no frame comes.
/// </summary>
public sealed class CameraGrain(
    [PersistentState("camera")] IPersistentState<CameraState> state,
    IOptions<CameraSessionOptions> options,
    ILogger<CameraGrain> logger) : Grain, ICameraGrain
{
    private readonly CameraSessionOptions _options = options.Value;
    private readonly MediaBroadcast<JpegFrame> _video = new(options.Value.VideoQueuePerViewer);
    private readonly MediaBroadcast<AudioChunk> _audio = new(options.Value.AudioQueuePerListener);

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
        _lastSeen = state.State.LastSeen;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _video.CompleteAll();
        _audio.CompleteAll();
        if (state.RecordExists && _lastSeen != state.State.LastSeen)
        {
            await WriteAsync(state.State with { LastSeen = _lastSeen }, cancellationToken);
        }
    }

    // ---- device side ----

    public async Task BootstrappedAsync(BootstrapReport report, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var current = state.State;
        var updated = current with
        {
            Firmware = report.Firmware ?? current.Firmware,
            FirstSeen = current.FirstSeen ?? now,
            LastSeen = now,
            LastAddress = report.RemoteAddress,
            ProvisionedHere = current.ProvisionedHere || report.Endpoint == "registerDevices",
        };
        _lastSeen = now;
        var isNew = !state.RecordExists;
        await WriteAsync(updated, cancellationToken);
        if (isNew)
        {
            await GrainFactory.GetGrain<ICameraIndexGrain>(ICameraIndexGrain.DefaultKey).AddAsync(GrainKey, cancellationToken);
        }
    }

    public async Task DeviceConnectedAsync(DeviceHello hello, ICameraDeviceLink link, CancellationToken cancellationToken)
    {
        var previous = _link;
        _link = link;
        _remoteEndPoint = hello.RemoteEndPoint;
        if (previous is not null && previous.LinkId != link.LinkId)
        {
            CameraGrainLog.LinkReplaced(logger, GrainKey, previous.RemoteEndPoint, link.RemoteEndPoint);
            await previous.CloseAsync("a newer connection of the same camera registered");
        }

        var now = Time.GetUtcNow();
        _lastSeen = now;
        var isNew = !state.RecordExists;
        await WriteAsync(state.State with
        {
            FirstSeen = state.State.FirstSeen ?? now,
            LastSeen = now,
            LastAddress = hello.RemoteEndPoint,
        }, cancellationToken);
        if (isNew)
        {
            await GrainFactory.GetGrain<ICameraIndexGrain>(ICameraIndexGrain.DefaultKey).AddAsync(GrainKey, cancellationToken);
        }
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
        _lastSeen = now;
        if (now - _lastSeenWritten >= _options.LastSeenWriteInterval && state.RecordExists)
        {
            await WriteAsync(state.State with { LastSeen = now }, cancellationToken);
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
            await WriteAsync(state.State with { LastSeen = _lastSeen }, cancellationToken);
        }
    }

    public async Task BaseInfoReportedAsync(string contentJson, CancellationToken cancellationToken)
    {
        if (!state.RecordExists || state.State.BaseInfoJson == contentJson)
        {
            return;
        }
        var firmware = TryReadString(contentJson, "version");
        await WriteAsync(state.State with { BaseInfoJson = contentJson, Firmware = firmware ?? state.State.Firmware }, cancellationToken);
    }

    public async Task MqttStatusReportedAsync(int status, CancellationToken cancellationToken)
    {
        if (!state.RecordExists || state.State.MqttStatus == status)
        {
            return;
        }
        await WriteAsync(state.State with { MqttStatus = status }, cancellationToken);
    }

    public async Task MqttInfoReportedAsync(string infoJson, CancellationToken cancellationToken)
    {
        if (!state.RecordExists || state.State.MqttInfoJson == infoJson)
        {
            return;
        }
        await WriteAsync(state.State with { MqttInfoJson = infoJson }, cancellationToken);
    }

    public Task FrameReceivedAsync(JpegFrame frame, CancellationToken cancellationToken)
    {
        _framesReceived++;
        _latestFrame = frame;
        _lastSeen = frame.ReceivedAt;
        _video.Publish(frame);
        return Task.CompletedTask;
    }

    public Task AudioReceivedAsync(AudioChunk chunk, CancellationToken cancellationToken)
    {
        _audio.Publish(chunk);
        return Task.CompletedTask;
    }

    // ---- viewer side ----

    public Task<CameraInfo?> GetInfoAsync(CancellationToken cancellationToken) =>
        Task.FromResult(state.RecordExists ? BuildInfo() : null);

    public async Task<CameraInfo?> RenameAsync(string name, CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return null;
        }
        await WriteAsync(state.State with { Name = name }, cancellationToken);
        return BuildInfo();
    }

    public async Task<bool> DeleteAsync(CancellationToken cancellationToken)
    {
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
        await state.ClearStateAsync(cancellationToken);
        await GrainFactory.GetGrain<ICameraIndexGrain>(ICameraIndexGrain.DefaultKey).RemoveAsync(GrainKey, cancellationToken);
        if (link is not null)
        {
            await link.CloseAsync("the camera was deleted");
        }
        CameraGrainLog.Deleted(logger, GrainKey);
        DeactivateOnIdle();
        return true;
    }

    public async Task<IMediaSubscription<JpegFrame>> WatchVideoAsync(CancellationToken cancellationToken)
    {
        EnsureOnline();
        var subscription = _video.Add(++_nextSubscriptionId, ReleaseFromOutside);
        await JoinOrForgetAsync(subscription.SubscriptionId, cancellationToken);
        return subscription;
    }

    public async Task<IMediaSubscription<AudioChunk>> ListenAudioAsync(CancellationToken cancellationToken)
    {
        EnsureOnline();
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
        var link = EnsureOnline();
        CameraGrainLog.CommandSent(logger, GrainKey, command.Setting, command.ContentJson);
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

    private ICameraDeviceLink EnsureOnline()
    {
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

    private async Task WriteAsync(CameraState updated, CancellationToken cancellationToken)
    {
        state.State = updated;
        await state.WriteStateAsync(cancellationToken);
        _lastSeenWritten = updated.LastSeen ?? _lastSeenWritten;
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
            _lastSeen ?? s.LastSeen,
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
