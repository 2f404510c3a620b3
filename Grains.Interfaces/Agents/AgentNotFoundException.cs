namespace CameraCloud.Agents;

public sealed class AgentNotFoundException(string agentId)
    : Exception($"Agent '{agentId}' is not provisioned.")
{
    public string AgentId { get; } = agentId;
}
