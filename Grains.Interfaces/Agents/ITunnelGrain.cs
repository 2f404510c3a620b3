using CameraCloud.Actors;

namespace CameraCloud.Agents;

/// <summary>
/// One CameraCloud Agent, keyed by its agent id: the persisted registry record (name, token hash,
/// targets and their gateway ports) and the live session (online, addresses, version, streams, traffic).
/// The edge reports the agent's connection; the gateway provisions, reads, changes and controls it.
/// </summary>
public interface ITunnelGrain : IGrainWithStringKey
{
    // ---- gateway side ----

    /// <summary>Creates the agent with a new token and a gateway port per target; the token is returned only here.</summary>
    /// <exception cref="InvalidOperationException">The id is taken or the port range is exhausted.</exception>
    Task<AgentProvisioned> ProvisionAsync(AgentProvisionRequest request, CancellationToken cancellationToken);

    Task<AgentInfo?> GetInfoAsync(CancellationToken cancellationToken);

    /// <summary>Renames and/or replaces the targets (ports kept for kept names); pushes the targets to a connected agent.</summary>
    Task<AgentInfo?> UpdateAsync(AgentUpdate update, CancellationToken cancellationToken);

    /// <summary>Sends a control command to the connected agent and returns its answer.</summary>
    /// <exception cref="AgentOfflineException">The agent is not connected.</exception>
    Task<AgentControlResult> ControlAsync(AgentControlCommand command, CancellationToken cancellationToken);

    /// <summary>Revokes the token, drops the session and frees the ports; false when the agent did not exist.</summary>
    Task<bool> DeleteAsync(CancellationToken cancellationToken);

    // ---- edge side ----

    /// <summary>Checks a presented token against the stored salted hash, in constant time.</summary>
    Task<bool> AuthenticateAsync(string token, CancellationToken cancellationToken);

    /// <summary>A session completed its handshake. The newest link wins: an older one is closed as evicted.</summary>
    /// <returns>The registry's targets, which the edge pushes to the agent when they differ from its own.</returns>
    Task<IReadOnlyList<AgentTarget>> AgentConnectedAsync(AgentHelloInfo hello, IAgentLink link, CancellationToken cancellationToken);

    /// <summary>The link ended. Ignored when <paramref name="linkId"/> is not the current link.</summary>
    Task AgentDisconnectedAsync(long linkId, string reason, CancellationToken cancellationToken);

    /// <summary>Traffic of the current link, reported every few seconds while it is up.</summary>
    Task TrafficReportedAsync(long linkId, AgentTraffic traffic, CancellationToken cancellationToken);
}
