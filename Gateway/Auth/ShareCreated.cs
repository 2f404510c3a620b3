namespace CameraCloud.Gateway.Auth;

/// <summary>A viewing link just made: the token and the URLs that carry it are in this answer only.</summary>
public sealed record ShareCreated(string Id, string CameraId, DateTimeOffset ExpiresAt, string Token, string MjpegUrl, string SnapshotUrl, string AudioUrl);
