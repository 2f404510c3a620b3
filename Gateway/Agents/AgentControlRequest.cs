using System.Text.Json.Serialization;

namespace CameraCloud.Gateway.Agents;

/// <summary>A control command for a connected agent.</summary>
/// <param name="Command">"get-status", "restart", "reconnect", "update-config" or "redirect".</param>
/// <param name="Targets">update-config only: a new target list, saved like PATCH before it is pushed; left out, the saved targets are pushed again.</param>
/// <param name="Url">redirect only: the ws:// or wss:// address of the agent endpoint the agent should use from now on.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AgentControlRequest(string? Command, IReadOnlyList<AgentTargetRequest>? Targets, string? Url);
