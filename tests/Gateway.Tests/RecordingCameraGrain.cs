using CameraCloud.Cameras;

namespace CameraCloud.Gateway.Tests;

/// <summary>A camera grain that records the commands it is sent; other calls are not used by these tests.</summary>
internal sealed class RecordingCameraGrain(string id) : ICameraGrain
{
    public List<CameraCommand> SentCommands { get; } = [];

    /// <summary>When set, <see cref="SendCommandAsync"/> throws it, as a grain would for an offline camera.</summary>
    public Exception? FailWith { get; set; }

    public string Id { get; } = id;

    public Task SendCommandAsync(CameraCommand command, CancellationToken cancellationToken)
    {
        if (FailWith is not null)
        {
            return Task.FromException(FailWith);
        }
        SentCommands.Add(command);
        return Task.CompletedTask;
    }

    public Task BootstrappedAsync(BootstrapReport report, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task DeviceConnectedAsync(DeviceHello hello, ICameraDeviceLink link, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task DeviceHeartbeatAsync(long linkId, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task DeviceDisconnectedAsync(long linkId, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task BaseInfoReportedAsync(string contentJson, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task MqttStatusReportedAsync(int status, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task MqttInfoReportedAsync(string infoJson, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task FrameReceivedAsync(JpegFrame frame, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task AudioReceivedAsync(AudioChunk chunk, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<CameraInfo?> GetInfoAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<CameraInfo?> RenameAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<bool> DeleteAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IMediaSubscription<JpegFrame>> WatchVideoAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IMediaSubscription<AudioChunk>> ListenAudioAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<JpegFrame?> GetLatestFrameAsync(TimeSpan maxAge, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task ReleaseSubscriptionAsync(long subscriptionId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
