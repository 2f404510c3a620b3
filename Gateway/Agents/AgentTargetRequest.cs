using System.Text.Json.Serialization;

namespace CameraCloud.Gateway.Agents;

/// <summary>A service the agent may reach on the camera side, and the path of the URL to show for it.</summary>
/// <param name="Name">1 to 32 characters of a-z, A-Z, 0-9, '-' and '_'; unique per agent. Names starting with "rtsp" get an rtsp:// URL, "http" an http:// URL.</param>
/// <param name="Host">Address the agent connects to, e.g. "127.0.0.1" on the camera itself or the camera's LAN address.</param>
/// <param name="Port">Port the agent connects to, 1 to 65535 (554 for RTSP, 80 for the web UI).</param>
/// <param name="Path">Optional path and query for the URL, starting with '/', e.g. "/cam/realmonitor?channel=1&amp;subtype=0". Only shapes the URL; the tunnel does not read it.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AgentTargetRequest(string? Name, string? Host, int? Port, string? Path);
