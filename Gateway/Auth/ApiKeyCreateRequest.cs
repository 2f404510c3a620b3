using System.Text.Json.Serialization;
using CameraCloud.Auth;

namespace CameraCloud.Gateway.Auth;

/// <summary>A new API key.</summary>
/// <param name="Name">What the key is for (shown in the list): 1 to 64 characters, no control characters.</param>
/// <param name="Role">viewer, operator or admin.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ApiKeyCreateRequest(string? Name, ApiRole? Role);
