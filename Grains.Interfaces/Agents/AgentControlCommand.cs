namespace CameraCloud.Agents;

/// <summary>
/// A control command (docs/tunnel-protocol.md §5): <c>restart</c>, <c>reconnect</c>, <c>get-status</c>,
/// <c>update-config</c> (with <see cref="Targets"/>) or <c>redirect</c> (with <see cref="Url"/>).
/// </summary>
public sealed record AgentControlCommand(string Command, IReadOnlyList<AgentTarget>? Targets = null, string? Url = null)
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "restart", "reconnect", "get-status", "update-config", "redirect",
    };
}
