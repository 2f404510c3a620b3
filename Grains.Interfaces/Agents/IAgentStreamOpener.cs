namespace CameraCloud.Agents;

/// <summary>
/// Opens a tunnel stream to one of a connected agent's targets. Implemented by the edge, where agent
/// sessions live; the gateway's per-target ports splice their connections into the returned stream.
/// </summary>
public interface IAgentStreamOpener
{
    /// <exception cref="AgentOfflineException">No session of the agent on this node.</exception>
    /// <exception cref="AgentStreamRefusedException">The agent answered RESET (unknown target, unreachable, too many streams) or did not answer in time.</exception>
    Task<Stream> OpenStreamAsync(string agentId, string target, CancellationToken cancellationToken);
}
