using CameraCloud.Auth;

namespace CameraCloud.Gateway.Auth;

/// <summary>An API key as the list shows it: never the key or its hash.</summary>
public sealed record ApiKeyView(string Id, string Name, ApiRole Role, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static ApiKeyView Of(ApiKeyRecord key) => new(key.Id, key.Name, key.Role, key.CreatedAt, key.CreatedBy);
}
