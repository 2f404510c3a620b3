using System.Text.Json.Serialization;

namespace CameraCloud.Gateway;

/// <summary>Changes to a camera's registry record.</summary>
/// <param name="Name">New display name: 1 to 64 characters, no control characters.</param>
/// <remarks>Unknown properties are refused, so a misspelt field is reported instead of ignored.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CameraPatchRequest(string? Name);
