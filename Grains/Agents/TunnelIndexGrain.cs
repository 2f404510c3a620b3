using CameraCloud.Actors;
using CameraCloud.Agents;
using Microsoft.Extensions.Options;

namespace CameraCloud.Grains.Agents;

/// <summary>
/// The list of agents and the gateway port table. Every change is written at once: provisioning is rare, and
/// a lost allocation would hand one port to two targets after a restart. A port keeps its (agent, target)
/// until the agent is deleted or the target removed, also when <c>Tunnel:PortRange</c> later shrinks past it.
/// </summary>
public sealed class TunnelIndexGrain(
    [PersistentState("index")] IPersistentState<TunnelIndexState> state,
    IOptions<TunnelOptions> options) : Grain, ITunnelIndexGrain
{
    private readonly TunnelPortRange _range = options.Value.GetPortRange();
    private readonly SortedSet<string> _ids = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, TunnelPortAssignment> _byPort = [];
    private readonly Dictionary<(string AgentId, string Target), int> _byTarget = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ids.UnionWith(state.State.Ids);
        foreach (var assignment in state.State.Ports)
        {
            _byPort[assignment.Port] = assignment;
            _byTarget[(assignment.AgentId, assignment.Target)] = assignment.Port;
        }
        return Task.CompletedTask;
    }

    public async Task<bool> AddAsync(string agentId, CancellationToken cancellationToken)
    {
        if (!_ids.Add(agentId))
        {
            return false;
        }
        await WriteAsync(cancellationToken);
        return true;
    }

    public async Task RemoveAsync(string agentId, CancellationToken cancellationToken)
    {
        if (_ids.Remove(agentId))
        {
            await WriteAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync(int offset, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_ids.Skip(offset).Take(limit).ToList());

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(_ids.Count);

    public async Task<int> AllocatePortAsync(string agentId, string target, CancellationToken cancellationToken)
    {
        if (_byTarget.TryGetValue((agentId, target), out var existing))
        {
            return existing;
        }
        var port = LowestFreePort() ?? throw new TunnelPortsExhaustedException(_range);
        var assignment = new TunnelPortAssignment(port, agentId, target);
        _byPort[port] = assignment;
        _byTarget[(agentId, target)] = port;
        await WriteAsync(cancellationToken);
        return port;
    }

    public async Task ReleasePortsAsync(string agentId, IReadOnlyCollection<string> keepTargets, CancellationToken cancellationToken)
    {
        var released = _byPort.Values
            .Where(a => a.AgentId == agentId && !keepTargets.Contains(a.Target, StringComparer.Ordinal))
            .ToList();
        if (released.Count == 0)
        {
            return;
        }
        foreach (var assignment in released)
        {
            _byPort.Remove(assignment.Port);
            _byTarget.Remove((assignment.AgentId, assignment.Target));
        }
        await WriteAsync(cancellationToken);
    }

    public Task<IReadOnlyList<TunnelPortAssignment>> ListPortsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TunnelPortAssignment>>([.. _byPort.Values]);

    private int? LowestFreePort()
    {
        for (var port = _range.First; port <= _range.Last; port++)
        {
            if (!_byPort.ContainsKey(port))
            {
                return port;
            }
        }
        return null;
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        state.State = new TunnelIndexState { Ids = [.. _ids], Ports = [.. _byPort.Values] };
        await state.WriteStateAsync(cancellationToken);
    }
}
