namespace CameraCloud.Tunnel;

/// <summary>Traffic of one open stream so far (DATA payload bytes), readable while it is open.</summary>
public sealed record TunnelStreamStats(uint StreamId, string Target, DateTimeOffset OpenedAt, long BytesSent, long BytesReceived);
