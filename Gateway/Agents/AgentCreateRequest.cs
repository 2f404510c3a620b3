using System.Text.Json.Serialization;

namespace CameraCloud.Gateway.Agents;

/// <summary>A new agent.</summary>
/// <param name="Id">Optional id, 1 to 64 characters of A-Z, a-z, 0-9, '-' and '_'; generated when left out. 409 when taken.</param>
/// <param name="Name">Optional display name: 1 to 64 characters, no control characters.</param>
/// <param name="Targets">Services the agent may reach, 1 to 16; default one target "rtsp" → 127.0.0.1:554.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AgentCreateRequest(string? Id, string? Name, IReadOnlyList<AgentTargetRequest>? Targets);
