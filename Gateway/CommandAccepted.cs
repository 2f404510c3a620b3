using System.Text.Json;
using CameraCloud.Cameras;

namespace CameraCloud.Gateway;

/// <summary>A command handed to the camera's connection. The camera does not acknowledge settings.</summary>
/// <param name="Command">The setting that was sent.</param>
/// <param name="Code">Its wire code.</param>
/// <param name="Content">The content object sent to the camera (a Wi-Fi password is masked).</param>
public sealed record CommandAccepted(CameraSetting Command, int Code, JsonElement Content);
