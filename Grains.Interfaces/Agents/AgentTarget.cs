using System.Text.Json.Serialization;

namespace CameraCloud.Agents;

/// <summary>
/// A service the agent can reach (e.g. "rtsp" → 127.0.0.1:554). <see cref="Path"/> is only for the API's
/// ready-to-paste URL (e.g. <c>/cam/realmonitor?channel=1&amp;subtype=0</c>); the tunnel never reads it.
/// </summary>
public sealed record AgentTarget(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("path")] string? Path = null);
