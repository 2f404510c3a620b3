namespace CameraCloud.Agents;

/// <summary>Provisioning asked for an id that an agent already has.</summary>
public sealed class AgentIdTakenException(string agentId)
    : InvalidOperationException($"Agent id '{agentId}' is taken.")
{
    public string AgentId { get; } = agentId;
}
