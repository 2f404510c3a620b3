using System.Text.Json;

namespace CameraCloud.Agents;

/// <summary>The agent's answer to a control command; <see cref="Status"/> is its status object for get-status.</summary>
public sealed record AgentControlResult(bool Ok, string? Error, JsonElement? Status);
