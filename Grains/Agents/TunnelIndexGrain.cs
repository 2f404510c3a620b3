using CameraCloud.Actors;
using CameraCloud.Agents;
using CameraCloud.Grains.State;
using Microsoft.Extensions.Options;

namespace CameraCloud.Grains.Agents;

/// <summary>
/// The list of agents and the gateway port table. It is called on every node and all nodes share its record,
/// so every change reads the record, applies itself to what it finds and writes under the ETag it read (again
/// after a conflict), and answers come from a fresh read. Changes are written at once: provisioning is rare,
/// and a lost allocation would hand one port to two targets. A port keeps its (agent, target) until the agent
/// is deleted or the target removed, also when <c>Tunnel:PortRange</c> later shrinks past it.
/// </summary>
public sealed class TunnelIndexGrain(
    [PersistentState("index")] IPersistentState<TunnelIndexState> state,
    IOptions<TunnelOptions> options) : Grain, ITunnelIndexGrain
{
    /// <summary>Writes tried before a change gives up; each failed one means another node's write went in.</summary>
    internal const int MaxWriteAttempts = 8;

    private readonly TunnelPortRange _range = options.Value.GetPortRange();

    private string Record => $"The tunnel index '{GrainKey}'";

    public async Task<bool> AddAsync(string agentId, CancellationToken cancellationToken)
    {
        var added = false;
        await UpdateAsync(s =>
        {
            added = !s.Ids.Contains(agentId, StringComparer.Ordinal);
            return added ? s with { Ids = [.. s.Ids.Append(agentId).Order(StringComparer.Ordinal)] } : s;
        }, cancellationToken);
        return added;
    }

    public async Task RemoveAsync(string agentId, CancellationToken cancellationToken) =>
        await UpdateAsync(s => s.Ids.Contains(agentId, StringComparer.Ordinal)
            ? s with { Ids = [.. s.Ids.Where(id => !string.Equals(id, agentId, StringComparison.Ordinal))] }
            : s, cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        return [.. state.State.Ids.Order(StringComparer.Ordinal).Skip(offset).Take(limit)];
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        return state.State.Ids.Count;
    }

    public async Task<int> AllocatePortAsync(string agentId, string target, CancellationToken cancellationToken)
    {
        var port = 0;
        await UpdateAsync(s =>
        {
            // Looked up in the fresh table on every attempt: another node may have just given this pair its port,
            // or taken the port this attempt would have picked.
            if (Find(s, agentId, target) is { } existing)
            {
                port = existing.Port;
                return s;
            }
            port = LowestFreePort(s) ?? throw new TunnelPortsExhaustedException(_range);
            return s with { Ports = [.. s.Ports.Append(new TunnelPortAssignment(port, agentId, target)).OrderBy(a => a.Port)] };
        }, cancellationToken);
        return port;
    }

    public async Task ReleasePortsAsync(string agentId, IReadOnlyCollection<string> keepTargets, CancellationToken cancellationToken) =>
        await UpdateAsync(s =>
        {
            var kept = s.Ports
                .Where(a => a.AgentId != agentId || keepTargets.Contains(a.Target, StringComparer.Ordinal))
                .ToList();
            return kept.Count == s.Ports.Count ? s : s with { Ports = kept };
        }, cancellationToken);

    public async Task<IReadOnlyList<TunnelPortAssignment>> ListPortsAsync(CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        return [.. state.State.Ports.OrderBy(a => a.Port)];
    }

    /// <summary>Reads the record, applies <paramref name="change"/> to it and writes; again on a conflict.</summary>
    private async Task UpdateAsync(Func<TunnelIndexState, TunnelIndexState> change, CancellationToken cancellationToken)
    {
        // Read first: a change that looks like "nothing to do" against a stale copy (a pair that already has a
        // port, an agent already listed) would answer from it without a write to catch the staleness.
        await state.ReadStateAsync(cancellationToken);
        await OptimisticState.UpdateAsync(state, change, mustExist: false, MaxWriteAttempts, Record, cancellationToken);
    }

    private static TunnelPortAssignment? Find(TunnelIndexState s, string agentId, string target) =>
        s.Ports.FirstOrDefault(a =>
            string.Equals(a.AgentId, agentId, StringComparison.Ordinal) && string.Equals(a.Target, target, StringComparison.Ordinal));

    private int? LowestFreePort(TunnelIndexState s)
    {
        var taken = s.Ports.Select(a => a.Port).ToHashSet();
        for (var port = _range.First; port <= _range.Last; port++)
        {
            if (!taken.Contains(port))
            {
                return port;
            }
        }
        return null;
    }
}
