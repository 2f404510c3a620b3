using System.Text.Json;

namespace CameraCloud.Codecs.Tunnel;

/// <summary>CONTROL_RESULT, the agent's answer to the CONTROL with the same id (docs/tunnel-protocol.md §5).</summary>
public sealed record ControlResultMessage(long Id, bool Ok, string? Error = null, JsonElement? Status = null);
