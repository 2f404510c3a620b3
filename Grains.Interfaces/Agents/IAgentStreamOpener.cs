namespace CameraCloud.Agents;

/// <summary>
/// Opens a tunnel stream to one of a connected agent's targets. Implemented by the edge, where agent
/// sessions live; the gateway's per-target ports splice their connections into the returned stream.
/// </summary>
public interface IAgentStreamOpener
{
    /// <param name="agentId">The agent.</param>
    /// <param name="target">One of the agent's target names.</param>
    /// <param name="client">Who the stream is for (the gateway client's ip:port), shown with the stream's traffic.</param>
    /// <param name="cancellationToken">Gives up waiting for the agent's answer.</param>
    /// <exception cref="AgentOfflineException">No session of the agent on this node.</exception>
    /// <exception cref="AgentStreamRefusedException">The agent answered RESET (unknown target, unreachable, too many streams) or did not answer in time.</exception>
    Task<Stream> OpenStreamAsync(string agentId, string target, string client, CancellationToken cancellationToken);
}
