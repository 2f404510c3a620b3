using System.Collections.Concurrent;
using CameraCloud.Agents;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>
/// The agent sessions of a node, as the test scripts them: <c>open</c> returns the tunnel stream for an agent's
/// target or throws as the agent edge would; without it no agent is connected here.
/// </summary>
internal sealed class ScriptedAgentStreams(Func<string, string, Stream>? open = null) : IAgentStreamOpener
{
    public ConcurrentQueue<(string AgentId, string Target, string Client)> Opened { get; } = new();

    public Task<Stream> OpenStreamAsync(string agentId, string target, string client, CancellationToken cancellationToken)
    {
        Opened.Enqueue((agentId, target, client));
        try
        {
            return Task.FromResult(open is null ? throw new AgentOfflineException(agentId) : open(agentId, target));
        }
        catch (Exception ex)
        {
            return Task.FromException<Stream>(ex);
        }
    }
}
