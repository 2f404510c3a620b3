namespace CameraCloud.Agents;

/// <summary>A target as the API shows it: where it leads on the camera side and where to pull it on the gateway.</summary>
public sealed record AgentTargetView(string Name, string Host, int Port, int GatewayPort, string? Url);
