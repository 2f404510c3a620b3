namespace CameraCloud.Agents;

public sealed record TunnelPortAssignment(int Port, string AgentId, string Target);
