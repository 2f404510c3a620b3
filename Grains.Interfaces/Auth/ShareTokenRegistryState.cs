using System.Text.Json.Serialization;

namespace CameraCloud.Auth;

/// <summary>The persisted viewing links that have not expired.</summary>
public sealed record ShareTokenRegistryState
{
    [JsonPropertyName("tokens")] public IReadOnlyList<ShareTokenRecord> Tokens { get; init; } = [];
}
