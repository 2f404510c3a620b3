using System.Text.Json.Serialization;

namespace CameraCloud.Cameras;

/// <summary>
/// The persisted registry record of one camera. Member names are the stored names: rename only with a
/// <see cref="JsonPropertyNameAttribute"/> that keeps the old one.
/// </summary>
public sealed record CameraState
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("firmware")] public string? Firmware { get; init; }
    [JsonPropertyName("firstSeen")] public DateTimeOffset? FirstSeen { get; init; }
    [JsonPropertyName("lastSeen")] public DateTimeOffset? LastSeen { get; init; }
    [JsonPropertyName("lastAddress")] public string? LastAddress { get; init; }
    [JsonPropertyName("provisioned")] public bool ProvisionedHere { get; init; }
    [JsonPropertyName("baseInfo")] public string? BaseInfoJson { get; init; }
    [JsonPropertyName("mqttStatus")] public int? MqttStatus { get; init; }
    [JsonPropertyName("mqttInfo")] public string? MqttInfoJson { get; init; }
}
