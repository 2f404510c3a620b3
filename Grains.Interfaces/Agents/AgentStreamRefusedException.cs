namespace CameraCloud.Agents;

/// <summary>The agent refused or failed to open a stream; <see cref="Code"/> is the tunnel error code (docs/tunnel-protocol.md §8).</summary>
public sealed class AgentStreamRefusedException(string agentId, string target, int code, string reason)
    : Exception($"Agent '{agentId}' could not open '{target}': {reason} (code {code}).")
{
    public int Code { get; } = code;
}
