using CameraCloud.Actors;

namespace CameraCloud.Cameras;

/// <summary>
/// One V720 camera, keyed by its 12-character device id: the registry record (persisted) and the live
/// session (viewers, stream on demand, counters). The edge reports device events; the gateway asks for
/// views, frames and commands.
/// </summary>
public interface ICameraGrain : IGrainWithStringKey
{
    // ---- device side (called by the edge) ----

    /// <summary>The camera asked the HTTP bootstrap for its server; records firmware and address.</summary>
    Task BootstrappedAsync(BootstrapReport report, CancellationToken cancellationToken);

    /// <summary>A TCP registration (code 100) succeeded. The newest link wins: an older one is closed.</summary>
    Task DeviceConnectedAsync(DeviceHello hello, ICameraDeviceLink link, CancellationToken cancellationToken);

    /// <summary>A heartbeat arrived on the link (every 5 s from a real camera).</summary>
    Task DeviceHeartbeatAsync(long linkId, CancellationToken cancellationToken);

    /// <summary>The link closed. Ignored when <paramref name="linkId"/> is not the current link.</summary>
    Task DeviceDisconnectedAsync(long linkId, string reason, CancellationToken cancellationToken);

    /// <summary>The camera answered 301/4 with its base info (raw JSON object of the content).</summary>
    Task BaseInfoReportedAsync(string contentJson, CancellationToken cancellationToken);

    /// <summary>MQTT <c>…/Device/Status</c> publish (1 online, 0 going away).</summary>
    Task MqttStatusReportedAsync(int status, CancellationToken cancellationToken);

    /// <summary>MQTT <c>…/Device/Info</c> publish (raw JSON object).</summary>
    Task MqttInfoReportedAsync(string infoJson, CancellationToken cancellationToken);

    /// <summary>A complete JPEG was reassembled (about 10 per second while streaming).</summary>
    Task FrameReceivedAsync(JpegFrame frame, CancellationToken cancellationToken);

    /// <summary>An audio packet arrived (about 20 per second while streaming).</summary>
    Task AudioReceivedAsync(AudioChunk chunk, CancellationToken cancellationToken);

    // ---- viewer side (called by the gateway) ----

    /// <summary>The registry record and live session; null when the camera is not registered.</summary>
    Task<CameraInfo?> GetInfoAsync(CancellationToken cancellationToken);

    /// <summary>Sets the display name; null when the camera is not registered.</summary>
    Task<CameraInfo?> RenameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Forgets the camera and drops its link; false when it was not registered.</summary>
    Task<bool> DeleteAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Subscribes to video. The first viewer starts the stream; disposing the last subscription stops it
    /// after a grace period. Throws <see cref="CameraNotFoundException"/> or <see cref="CameraOfflineException"/>.
    /// </summary>
    Task<IMediaSubscription<JpegFrame>> WatchVideoAsync(CancellationToken cancellationToken);

    /// <summary>Subscribes to audio; counts as a viewer for starting and stopping the stream.</summary>
    Task<IMediaSubscription<AudioChunk>> ListenAudioAsync(CancellationToken cancellationToken);

    /// <summary>The newest frame if it is younger than <paramref name="maxAge"/>, else null.</summary>
    Task<JpegFrame?> GetLatestFrameAsync(TimeSpan maxAge, CancellationToken cancellationToken);

    /// <summary>Ends a subscription (called by the subscription's DisposeAsync).</summary>
    Task ReleaseSubscriptionAsync(long subscriptionId, CancellationToken cancellationToken);

    /// <summary>Sends a §4.2 setting wrapped in TCP 301. Dangerous commands must be confirmed by the caller.</summary>
    Task SendCommandAsync(CameraCommand command, CancellationToken cancellationToken);
}
