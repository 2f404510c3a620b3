using System.Text.Json.Serialization;

namespace CameraCloud.Gateway.Agents;

/// <summary>Changes to an agent; a member left out stays as it is.</summary>
/// <param name="Name">New display name: 1 to 64 characters, no control characters.</param>
/// <param name="Targets">The new complete list of targets, 1 to 16. A kept name keeps its gateway port; a removed name's port is freed.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AgentPatchRequest(string? Name, IReadOnlyList<AgentTargetRequest>? Targets);
