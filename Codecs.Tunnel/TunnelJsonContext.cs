using System.Text.Json.Serialization;

namespace CameraCloud.Codecs.Tunnel;

/// <summary>
/// Source-generated JSON for the tunnel messages: the agent ships trimmed, so no reflection.
/// camelCase as in the protocol reference; absent optional members are omitted; an explicit null
/// where the record does not allow one is an error rather than a surprise later.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(AgentHelloMessage))]
[JsonSerializable(typeof(ServerWelcomeMessage))]
[JsonSerializable(typeof(OpenMessage))]
[JsonSerializable(typeof(ControlRequestMessage))]
[JsonSerializable(typeof(ControlResultMessage))]
[JsonSerializable(typeof(TargetMessage))]
public sealed partial class TunnelJsonContext : JsonSerializerContext;
