namespace CameraCloud.Agents;

/// <summary>A target as the API shows it: where it leads on the camera side and where to pull it on the gateway.</summary>
/// <param name="Name">Target name, e.g. "rtsp".</param>
/// <param name="Host">Address the agent connects to, on the camera side.</param>
/// <param name="Port">Port the agent connects to, on the camera side.</param>
/// <param name="Path">Path appended to <paramref name="Url"/>, e.g. "/cam/realmonitor?channel=1&amp;subtype=0".</param>
/// <param name="GatewayPort">TCP port of the gateway that leads to this target.</param>
/// <param name="Url">Ready-to-paste URL (rtsp:// for targets named rtsp…, http:// for http…); null for other targets.</param>
public sealed record AgentTargetView(string Name, string Host, int Port, string? Path, int GatewayPort, string? Url);
