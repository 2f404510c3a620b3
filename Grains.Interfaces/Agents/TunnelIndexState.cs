using System.Text.Json.Serialization;

namespace CameraCloud.Agents;

/// <summary>The persisted agent list and port table.</summary>
public sealed record TunnelIndexState
{
    [JsonPropertyName("ids")] public IReadOnlyList<string> Ids { get; init; } = [];
    [JsonPropertyName("ports")] public IReadOnlyList<TunnelPortAssignment> Ports { get; init; } = [];
}
