using System.Text.Json.Serialization;

namespace CameraCloud.Auth;

/// <summary>
/// One stored API key: never the key itself, only the SHA-256 of its secret part. Member names are the stored
/// names: rename only with a <see cref="JsonPropertyNameAttribute"/> that keeps the old one.
/// </summary>
public sealed record ApiKeyRecord
{
    /// <summary>The key's public id, also the start of the key (<c>cck_&lt;id&gt;_…</c>): safe to show and log.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("name")] public required string Name { get; init; }

    [JsonPropertyName("role")] public required ApiRole Role { get; init; }

    /// <summary>Lower-case hex SHA-256 of the key's secret part.</summary>
    [JsonPropertyName("secretSha256")] public required string SecretSha256 { get; init; }

    [JsonPropertyName("createdAt")] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The id of the key that created this one, or "bootstrap"/"generated" for the first admin key.</summary>
    [JsonPropertyName("createdBy")] public required string CreatedBy { get; init; }
}
