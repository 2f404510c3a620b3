namespace CameraCloud.Codecs.Tunnel;

/// <summary>WELCOME, the server's answer to HELLO: the session's settings (docs/tunnel-protocol.md §4).</summary>
public sealed record ServerWelcomeMessage(
    string SessionId,
    int PingIntervalSeconds,
    int PingTimeoutSeconds,
    int MaxStreams,
    int InitialWindow,
    int MaxFramePayload);
