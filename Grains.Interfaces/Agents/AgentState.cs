using System.Text.Json.Serialization;

namespace CameraCloud.Agents;

/// <summary>The persisted registry record of one agent. Member names are the stored names.</summary>
public sealed record AgentState
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("tokenSalt")] public string TokenSalt { get; init; } = "";
    [JsonPropertyName("tokenHash")] public string TokenHash { get; init; } = "";
    [JsonPropertyName("targets")] public IReadOnlyList<AgentTarget> Targets { get; init; } = [];
    [JsonPropertyName("lastSeen")] public DateTimeOffset? LastSeen { get; init; }
    [JsonPropertyName("connectedFrom")] public string? ConnectedFrom { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("localIpHistory")] public IReadOnlyList<string> LocalIpHistory { get; init; } = [];
}
