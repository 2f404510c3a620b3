using System.Text.Json.Serialization;
using CameraCloud.Cameras;

namespace CameraCloud.Gateway;

/// <summary>A setting to send to a camera.</summary>
/// <param name="Command">Which setting, e.g. "irLed", "mirrorFlip", "reboot".</param>
/// <param name="Value">The setting's value where it has one (range depends on the command).</param>
/// <param name="Ssid">joinWifi only: network name, 1 to 32 characters.</param>
/// <param name="Password">joinWifi only: network password, 8 to 36 characters.</param>
/// <param name="Confirm">Must be true for commands that can cut the camera off or erase data.</param>
/// <remarks>Unknown properties are refused: a misspelt "confirm" must not pass silently as false.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CameraCommandRequest(CameraSetting? Command, int? Value, string? Ssid, string? Password, bool Confirm);
