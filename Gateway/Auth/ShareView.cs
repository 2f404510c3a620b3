using CameraCloud.Auth;

namespace CameraCloud.Gateway.Auth;

/// <summary>A viewing link as the list shows it: never its token.</summary>
public sealed record ShareView(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string CreatedBy)
{
    public static ShareView Of(ShareTokenRecord token) => new(token.Id, token.CreatedAt, token.ExpiresAt, token.CreatedBy);
}
