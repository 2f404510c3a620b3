using CameraCloud.Actors;

namespace CameraCloud.Agents;

/// <summary>
/// The list of agents and the gateway port table (one activation, key <see cref="DefaultKey"/>). A port
/// belongs to one (agent, target) until the agent is deleted or the target removed.
/// </summary>
public interface ITunnelIndexGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    Task<bool> AddAsync(string agentId, CancellationToken cancellationToken);

    Task RemoveAsync(string agentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListAsync(int offset, int limit, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>The port of (agent, target), allocating the lowest free one in the range when it has none.</summary>
    /// <exception cref="InvalidOperationException">Every port of the range is taken.</exception>
    Task<int> AllocatePortAsync(string agentId, string target, CancellationToken cancellationToken);

    /// <summary>Frees the ports of an agent's targets that are not in <paramref name="keepTargets"/> (all when empty).</summary>
    Task ReleasePortsAsync(string agentId, IReadOnlyCollection<string> keepTargets, CancellationToken cancellationToken);

    Task<IReadOnlyList<TunnelPortAssignment>> ListPortsAsync(CancellationToken cancellationToken);
}
