using System.Text.Json.Serialization;

namespace CameraCloud.Gateway.Auth;

/// <summary>A new viewing link.</summary>
/// <param name="Minutes">How long the link works: 1 to 525600 (a year); 1440 (a day) when left out.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ShareCreateRequest(int? Minutes);
