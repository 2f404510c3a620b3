namespace CameraCloud.Cameras;

/// <summary>The live part of a camera: who watches and what the media path counted.</summary>
public sealed record LiveSessionInfo(
    int Viewers,
    bool StreamRequested,
    DateTimeOffset? LastFrameAt,
    long FramesReceived,
    long FramesDroppedForSlowViewers,
    long WatchdogRestarts,
    MediaCounters Media);
