namespace CameraCloud.Tunnel;

/// <summary>A snapshot of a session's traffic: DATA payload bytes each way, streams opened so far, the streams open now.</summary>
public sealed record TunnelSessionStats(long BytesSent, long BytesReceived, long StreamsOpened, IReadOnlyList<TunnelStreamStats> OpenStreams);
