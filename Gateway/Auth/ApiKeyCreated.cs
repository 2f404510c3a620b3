using CameraCloud.Auth;

namespace CameraCloud.Gateway.Auth;

/// <summary>A key just made: <paramref name="Key"/> is in this answer only.</summary>
public sealed record ApiKeyCreated(string Id, string Name, ApiRole Role, DateTimeOffset CreatedAt, string Key);
