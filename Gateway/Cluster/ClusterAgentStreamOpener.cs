using CameraCloud.Agents;
using CameraCloud.Cluster;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// The agent ports' way to an agent in a cluster. Every node listens on every registered port (a Kubernetes
/// Service may hand the connection to any pod); the node that holds the agent opens the tunnel stream itself,
/// any other node reaches it through the owner (<see cref="RemoteAgentStreamConnector"/>).
/// </summary>
public sealed class ClusterAgentStreamOpener(IAgentStreamOpener local, DeviceLocator locator, RemoteAgentStreamConnector remote)
    : IAgentStreamOpener
{
    public async Task<Stream> OpenStreamAsync(string agentId, string target, string client, CancellationToken cancellationToken)
    {
        try
        {
            return await local.OpenStreamAsync(agentId, target, client, cancellationToken);
        }
        catch (AgentOfflineException)
        {
            var owner = await locator.FindRemoteOwnerAsync(DeviceKey.Agent(agentId), cancellationToken);
            if (owner is null)
            {
                throw;
            }
            return await remote.OpenAsync(owner, locator.InternalKey, agentId, target, client, cancellationToken);
        }
    }
}
