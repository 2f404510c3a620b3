using System.Net;
using CameraCloud.Actors;
using CameraCloud.Agents;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Grains.Agents;

/// <summary>
/// One CameraCloud Agent: its registry record (name, token hash, targets and their gateway ports) and its live
/// session (link, addresses, version, traffic). Last seen and traffic change every few seconds while the agent
/// is online; they are kept in memory and written on connect and disconnect only.
/// </summary>
public sealed class TunnelGrain(
    [PersistentState("agent")] IPersistentState<AgentState> state,
    ILogger<TunnelGrain> logger) : Grain, ITunnelGrain
{
    public const int MaxLocalIpHistory = 10;

    // The edge reports traffic every few seconds, so a linked activation is never idle; this also keeps it
    // when reports pause, since losing the activation would lose the link and show the agent offline.
    private static readonly TimeSpan LinkedKeepAlive = TimeSpan.FromDays(7);

    // HELLO fields are the agent's word; bound what is stored of them.
    private const int MaxHelloFieldLength = 128;

    private static readonly AgentTraffic NoTraffic = new(0, 0, 0, []);

    private IAgentLink? _link;
    private string? _localIp;
    private DateTimeOffset? _lastSeen;
    private AgentTraffic _traffic = NoTraffic;

    private ITunnelIndexGrain Index => GrainFactory.GetGrain<ITunnelIndexGrain>(ITunnelIndexGrain.DefaultKey);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastSeen = state.State.LastSeen;
        _traffic = state.State.Traffic ?? NoTraffic;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.RecordExists && (_lastSeen != state.State.LastSeen || _link is not null))
        {
            await WriteAsync(state.State with { LastSeen = _lastSeen, Traffic = _traffic with { OpenStreams = [] } }, cancellationToken);
        }
    }

    // ---- gateway side ----

    public async Task<AgentProvisioned> ProvisionAsync(AgentProvisionRequest request, CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            throw new AgentIdTakenException(GrainKey);
        }
        var targets = request.Targets is { Count: > 0 } given ? given : AgentTargets.Default;
        await Index.AddAsync(GrainKey, cancellationToken);
        IReadOnlyDictionary<string, int> ports;
        try
        {
            ports = await AllocatePortsAsync(targets, cancellationToken);
        }
        catch (TunnelPortsExhaustedException)
        {
            await Index.ReleasePortsAsync(GrainKey, [], cancellationToken);
            await Index.RemoveAsync(GrainKey, cancellationToken);
            DeactivateOnIdle();
            throw;
        }

        var token = AgentTokens.NewToken();
        var (salt, hash) = AgentTokens.HashNew(token);
        await WriteAsync(new AgentState
        {
            Name = request.Name,
            CreatedAt = Time.GetUtcNow(),
            TokenSalt = salt,
            TokenHash = hash,
            TokenIterations = AgentTokens.Iterations,
            Targets = targets,
            Ports = ports,
        }, cancellationToken);
        TunnelGrainLog.Provisioned(logger, GrainKey, targets.Count);
        return new AgentProvisioned(GrainKey, token, BuildInfo());
    }

    public Task<AgentInfo?> GetInfoAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            return Task.FromResult<AgentInfo?>(null);
        }
        return Task.FromResult<AgentInfo?>(BuildInfo());
    }

    public async Task<AgentInfo?> UpdateAsync(AgentUpdate update, CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            return null;
        }
        var current = state.State;
        var targetsChanged = update.Targets is not null && !AgentTargets.Same(update.Targets, current.Targets);
        var updated = current with { Name = update.Name ?? current.Name };
        if (targetsChanged)
        {
            updated = updated with { Targets = update.Targets!, Ports = await ReplaceTargetPortsAsync(update.Targets!, cancellationToken) };
        }
        await WriteAsync(updated, cancellationToken);
        TunnelGrainLog.Updated(logger, GrainKey, targetsChanged);

        if (targetsChanged && _link is { } link && !AgentTargets.SameEndpoints(update.Targets!, current.Targets))
        {
            await PushTargetsAsync(link, cancellationToken);
        }
        return BuildInfo();
    }

    public async Task<AgentControlResult> ControlAsync(AgentControlCommand command, CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            throw new AgentNotFoundException(GrainKey);
        }
        var link = _link ?? throw new AgentOfflineException(GrainKey);
        if (command.Command == "update-config")
        {
            // The registry is what the agent gets at every connect, so a pushed change must be saved first.
            if (command.Targets is { } targets && !AgentTargets.Same(targets, state.State.Targets))
            {
                var ports = await ReplaceTargetPortsAsync(targets, cancellationToken);
                await WriteAsync(state.State with { Targets = targets, Ports = ports }, cancellationToken);
                TunnelGrainLog.Updated(logger, GrainKey, targetsChanged: true);
            }
            command = command with { Targets = state.State.Targets };
        }
        TunnelGrainLog.ControlSent(logger, GrainKey, command.Command);
        return await link.SendControlAsync(command, cancellationToken);
    }

    public async Task<bool> DeleteAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            return false;
        }
        var link = _link;
        _link = null;
        await state.ClearStateAsync(cancellationToken);
        await Index.ReleasePortsAsync(GrainKey, [], cancellationToken);
        await Index.RemoveAsync(GrainKey, cancellationToken);
        if (link is not null)
        {
            TunnelGrainLog.Closing(logger, GrainKey, link.LinkId, AgentCloseReason.Revoked);
            await link.CloseAsync(AgentCloseReason.Revoked, "the agent was deleted");
        }
        TunnelGrainLog.Deleted(logger, GrainKey, link is not null);
        DeactivateOnIdle();
        return true;
    }

    // ---- edge side ----

    public Task<bool> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            // Same work as a wrong token, so the answer's timing does not tell whether the id exists.
            AgentTokens.VerifyNothing(token);
            DeactivateOnIdle();
            return Task.FromResult(false);
        }
        var s = state.State;
        return Task.FromResult(AgentTokens.Verify(token, s.TokenSalt, s.TokenHash, s.TokenIterations));
    }

    public async Task<IReadOnlyList<AgentTarget>> AgentConnectedAsync(AgentHelloInfo hello, IAgentLink link, CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            throw new AgentNotFoundException(GrainKey);
        }
        var previous = _link;
        var now = Time.GetUtcNow();
        _link = link;
        _localIp = ValidIp(hello.LocalIp);
        _lastSeen = now;
        _traffic = NoTraffic;
        DelayDeactivation(LinkedKeepAlive);
        if (previous is not null && previous.LinkId != link.LinkId)
        {
            TunnelGrainLog.LinkReplaced(logger, GrainKey, previous.RemoteEndPoint, link.RemoteEndPoint);
            await previous.CloseAsync(AgentCloseReason.Evicted, "a newer connection of the same agent took over");
        }

        var current = state.State;
        await WriteAsync(current with
        {
            LastSeen = now,
            ConnectedFrom = hello.RemoteEndPoint,
            Version = Bound(hello.Version),
            Model = Bound(hello.Model),
            LocalIpHistory = _localIp is null ? current.LocalIpHistory : PrependDistinct(current.LocalIpHistory, _localIp),
            Traffic = NoTraffic,
        }, cancellationToken);
        TunnelGrainLog.Online(logger, GrainKey, link.RemoteEndPoint);
        return current.Targets;
    }

    public async Task AgentDisconnectedAsync(long linkId, string reason, CancellationToken cancellationToken)
    {
        if (_link?.LinkId != linkId)
        {
            return;
        }
        _link = null;
        _lastSeen = Time.GetUtcNow();
        _traffic = _traffic with { OpenStreams = [] };
        DelayDeactivation(TimeSpan.Zero);
        TunnelGrainLog.Offline(logger, GrainKey, reason);
        if (state.RecordExists)
        {
            await WriteAsync(state.State with { LastSeen = _lastSeen, Traffic = _traffic }, cancellationToken);
        }
    }

    public Task TrafficReportedAsync(long linkId, AgentTraffic traffic, CancellationToken cancellationToken)
    {
        if (_link?.LinkId == linkId)
        {
            _traffic = traffic;
            _lastSeen = Time.GetUtcNow();
        }
        return Task.CompletedTask;
    }

    // ---- helpers ----

    private async Task<IReadOnlyDictionary<string, int>> AllocatePortsAsync(IReadOnlyList<AgentTarget> targets, CancellationToken cancellationToken)
    {
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            ports[target.Name] = await Index.AllocatePortAsync(GrainKey, target.Name, cancellationToken);
        }
        return ports;
    }

    /// <summary>Ports for the new targets (kept names keep theirs); ports of removed names are freed.</summary>
    private async Task<IReadOnlyDictionary<string, int>> ReplaceTargetPortsAsync(IReadOnlyList<AgentTarget> targets, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, int> ports;
        try
        {
            ports = await AllocatePortsAsync(targets, cancellationToken);
        }
        catch (TunnelPortsExhaustedException)
        {
            // Undo what this change allocated; the old targets keep their ports.
            await Index.ReleasePortsAsync(GrainKey, [.. state.State.Targets.Select(t => t.Name)], cancellationToken);
            throw;
        }
        await Index.ReleasePortsAsync(GrainKey, [.. targets.Select(t => t.Name)], cancellationToken);
        return ports;
    }

    private async Task PushTargetsAsync(IAgentLink link, CancellationToken cancellationToken)
    {
        try
        {
            var result = await link.SendControlAsync(new AgentControlCommand("update-config", state.State.Targets), cancellationToken);
            if (!result.Ok)
            {
                TunnelGrainLog.TargetsPushFailed(logger, GrainKey, result.Error ?? "refused");
            }
        }
        catch (Exception ex) when (ex is TimeoutException or AgentOfflineException or AgentStreamRefusedException or IOException)
        {
            TunnelGrainLog.TargetsPushFailed(logger, GrainKey, ex.Message);
        }
    }

    private async Task WriteAsync(AgentState updated, CancellationToken cancellationToken)
    {
        state.State = updated;
        await state.WriteStateAsync(cancellationToken);
    }

    private AgentInfo BuildInfo()
    {
        var s = state.State;
        return new AgentInfo(
            GrainKey,
            s.Name,
            s.CreatedAt,
            _link is not null,
            _lastSeen ?? s.LastSeen,
            s.ConnectedFrom,
            s.Version,
            s.Model,
            _localIp ?? s.LocalIpHistory.FirstOrDefault(),
            s.LocalIpHistory,
            [.. s.Targets.Select(t => new AgentTargetView(t.Name, t.Host, t.Port, t.Path, s.Ports.GetValueOrDefault(t.Name), Url: null))],
            _traffic);
    }

    private static IReadOnlyList<string> PrependDistinct(IReadOnlyList<string> history, string ip) =>
        [ip, .. history.Where(x => !string.Equals(x, ip, StringComparison.Ordinal)).Take(MaxLocalIpHistory - 1)];

    private static string? ValidIp(string? text) =>
        text is { Length: > 0 and <= 64 } && IPAddress.TryParse(text, out var address) ? address.ToString() : null;

    private static string? Bound(string? text) =>
        text is { Length: > MaxHelloFieldLength } ? text[..MaxHelloFieldLength] : text;
}
