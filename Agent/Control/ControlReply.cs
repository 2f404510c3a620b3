using System.Text.Json;

namespace CameraCloud.Agent.Control;

/// <summary>A control result as the agent sees it; the connection adds the request id.</summary>
public sealed record ControlReply(bool Ok, string? Error = null, JsonElement? Status = null)
{
    public static ControlReply Fail(string error) => new(false, error);
}
