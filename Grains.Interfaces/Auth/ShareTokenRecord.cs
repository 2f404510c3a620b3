using System.Text.Json.Serialization;

namespace CameraCloud.Auth;

/// <summary>
/// A viewing link: it lets whoever holds it watch one camera (video, snapshot, audio) until it expires or is
/// revoked, and nothing else. Only the SHA-256 of its secret is kept.
/// </summary>
public sealed record ShareTokenRecord
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("cameraId")] public required string CameraId { get; init; }

    [JsonPropertyName("secretSha256")] public required string SecretSha256 { get; init; }

    [JsonPropertyName("createdAt")] public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("expiresAt")] public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The id of the API key that made it.</summary>
    [JsonPropertyName("createdBy")] public required string CreatedBy { get; init; }
}
