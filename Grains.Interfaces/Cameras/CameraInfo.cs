using System.Text.Json;

namespace CameraCloud.Cameras;

/// <summary>A camera's registry record and live session, as the API shows it.</summary>
public sealed record CameraInfo(
    string Id,
    string? Name,
    string? Firmware,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    bool Online,
    string? RemoteEndPoint,
    JsonElement? BaseInfo,
    int? MqttStatus,
    JsonElement? MqttInfo,
    LiveSessionInfo Live);
