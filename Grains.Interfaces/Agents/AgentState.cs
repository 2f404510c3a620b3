using System.Text.Json.Serialization;

namespace CameraCloud.Agents;

/// <summary>The persisted registry record of one agent. Member names are the stored names.</summary>
public sealed record AgentState
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("tokenSalt")] public string TokenSalt { get; init; } = "";
    [JsonPropertyName("tokenHash")] public string TokenHash { get; init; } = "";

    /// <summary>PBKDF2 iterations the hash was made with, so the count can change without locking out agents.</summary>
    [JsonPropertyName("tokenIterations")] public int TokenIterations { get; init; }

    [JsonPropertyName("targets")] public IReadOnlyList<AgentTarget> Targets { get; init; } = [];

    /// <summary>Gateway port of each target, by target name: a copy of the index's port table for this agent.</summary>
    [JsonPropertyName("ports")] public IReadOnlyDictionary<string, int> Ports { get; init; } = new Dictionary<string, int>();

    [JsonPropertyName("lastSeen")] public DateTimeOffset? LastSeen { get; init; }
    [JsonPropertyName("connectedFrom")] public string? ConnectedFrom { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("localIpHistory")] public IReadOnlyList<string> LocalIpHistory { get; init; } = [];

    /// <summary>Traffic of the latest session as of its connect or disconnect (not written on every report).</summary>
    [JsonPropertyName("traffic")] public AgentTraffic? Traffic { get; init; }
}
