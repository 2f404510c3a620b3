namespace CameraCloud.Agents;

public sealed class AgentOfflineException(string agentId)
    : Exception($"Agent '{agentId}' is not connected.")
{
    public string AgentId { get; } = agentId;
}
