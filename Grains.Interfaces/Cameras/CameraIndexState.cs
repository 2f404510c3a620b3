using System.Text.Json.Serialization;

namespace CameraCloud.Cameras;

/// <summary>The persisted list of known camera ids.</summary>
public sealed record CameraIndexState
{
    [JsonPropertyName("ids")] public IReadOnlyList<string> Ids { get; init; } = [];
}
