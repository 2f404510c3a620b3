using System.Text.Json.Serialization;
using CameraCloud.Agent.Configuration;

namespace CameraCloud.Agent.Control;

/// <summary>Source-generated JSON for what the agent writes itself; the agent ships trimmed, so no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AgentStatus))]
[JsonSerializable(typeof(TargetsUpdate))]
[JsonSerializable(typeof(AgentTarget[]))]
public sealed partial class AgentJsonContext : JsonSerializerContext;
