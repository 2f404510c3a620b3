namespace CameraCloud.Agents;

/// <summary>The answer to provisioning: the token is shown this once and stored only as a salted hash.</summary>
public sealed record AgentProvisioned(string Id, string Token, AgentInfo Agent);
