using System.Text.Json.Serialization;

namespace CameraCloud.Auth;

/// <summary>The persisted API keys of the whole installation.</summary>
public sealed record ApiKeyRegistryState
{
    [JsonPropertyName("keys")] public IReadOnlyList<ApiKeyRecord> Keys { get; init; } = [];
}
