using System.Collections.Concurrent;
using CameraCloud.Agents;
using CameraCloud.Tunnel;

namespace CameraCloud.Edge.Agents;

/// <summary>
/// The live session of each agent on this node, by agent id, and the gateway ports' way into them. The newest
/// session of an id replaces the older one (whose caller sends it GOAWAY EVICTED).
/// </summary>
public sealed class AgentSessionRegistry : IAgentStreamOpener
{
    private readonly ConcurrentDictionary<string, AgentSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    /// <summary>Raised after an agent's session left the registry (its connection ended).</summary>
    public event Action<string>? Unregistered;

    public bool IsConnected(string agentId) => _sessions.ContainsKey(agentId);

    public async Task<Stream> OpenStreamAsync(string agentId, string target, string client, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(agentId, out var session))
        {
            throw new AgentOfflineException(agentId);
        }
        try
        {
            var stream = await session.Tunnel.OpenStreamAsync(target, cancellationToken);
            session.StreamOpened(stream.StreamId, client);
            return stream;
        }
        catch (TunnelStreamException ex)
        {
            throw new AgentStreamRefusedException(agentId, target, (int)ex.Code, ex.Message);
        }
        catch (TunnelSessionClosedException)
        {
            throw new AgentOfflineException(agentId);
        }
    }

    /// <returns>The session it replaces, if any.</returns>
    internal AgentSession? Register(AgentSession session)
    {
        AgentSession? previous = null;
        _sessions.AddOrUpdate(session.AgentId, session, (_, old) =>
        {
            previous = old;
            return session;
        });
        return previous;
    }

    internal void Unregister(AgentSession session)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, AgentSession>(session.AgentId, session)))
        {
            Unregistered?.Invoke(session.AgentId);
        }
    }

    internal IReadOnlyCollection<AgentSession> Snapshot() => [.. _sessions.Values];
}
