using CameraCloud.Agent.Configuration;

namespace CameraCloud.Agent.Control;

/// <summary>A control request as the agent sees it, without the wire's request id: get-status, update-config, redirect, reconnect or restart.</summary>
public sealed record ControlCommand(string Name, IReadOnlyList<AgentTarget>? Targets = null, string? Url = null);
