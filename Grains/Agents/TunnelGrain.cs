using System.Net;
using CameraCloud.Actors;
using CameraCloud.Agents;
using CameraCloud.Grains.State;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Grains.Agents;

/// <summary>
/// One CameraCloud Agent: its registry record (name, token hash, targets and their gateway ports) and its live
/// session (link, addresses, version, traffic). Last seen and traffic change every few seconds while the agent
/// is online; they are kept in memory and written on connect and disconnect only.
/// </summary>
/// <remarks>
/// Nodes share the record, and an activation may outlive the agent's stay on its node (a REST call activates
/// an offline agent anywhere; an agent that moved leaves its old activation behind). So every change goes
/// through <see cref="UpdateStateAsync"/>, which lands it on top of another node's newer write, and without a
/// link here the record is read again before it is shown, checked or changed.
/// </remarks>
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

    // Device grains see little contention: a conflict means one other node wrote in between.
    private const int MaxWriteAttempts = 4;

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
        if (state.RecordExists && (Timestamps.IsLater(_lastSeen, state.State.LastSeen) || _link is not null))
        {
            _traffic = _traffic with { OpenStreams = [] };
            await UpdateStateAsync(WithThisSession, cancellationToken);
        }
    }

    // ---- gateway side ----

    public async Task<AgentProvisioned> ProvisionAsync(AgentProvisionRequest request, CancellationToken cancellationToken)
    {
        // Another node may have provisioned this id since this activation read the record.
        await state.ReadStateAsync(cancellationToken);
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
        var provisioned = new AgentState
        {
            Name = request.Name,
            CreatedAt = Time.GetUtcNow(),
            TokenSalt = salt,
            TokenHash = hash,
            TokenIterations = AgentTokens.Iterations,
            Targets = targets,
            Ports = ports,
        };
        var lostRace = false;
        await UpdateStateAsync(s =>
        {
            // Runs again after a conflict: then another node created the record first, and it is theirs.
            lostRace = state.RecordExists;
            return lostRace ? s : provisioned;
        }, cancellationToken);
        if (lostRace)
        {
            // The index entry and the ports of their targets are theirs too (ports are per agent and target):
            // free only what this attempt allocated for target names they do not have.
            await Index.ReleasePortsAsync(GrainKey, [.. state.State.Targets.Select(t => t.Name)], cancellationToken);
            DeactivateOnIdle();
            throw new AgentIdTakenException(GrainKey);
        }
        TunnelGrainLog.Provisioned(logger, GrainKey, targets.Count);
        return new AgentProvisioned(GrainKey, token, BuildInfo());
    }

    public async Task<AgentInfo?> GetInfoAsync(CancellationToken cancellationToken)
    {
        await RefreshIfOfflineAsync(cancellationToken);
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            return null;
        }
        return BuildInfo();
    }

    public async Task<AgentInfo?> UpdateAsync(AgentUpdate update, CancellationToken cancellationToken)
    {
        await RefreshIfOfflineAsync(cancellationToken);
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            return null;
        }
        var current = state.State;
        var targetsChanged = update.Targets is not null && !AgentTargets.Same(update.Targets, current.Targets);
        var ports = targetsChanged ? await ReplaceTargetPortsAsync(update.Targets!, cancellationToken) : null;
        var written = await UpdateStateAsync(s =>
        {
            var renamed = s with { Name = update.Name ?? s.Name };
            return ports is null ? renamed : renamed with { Targets = update.Targets!, Ports = ports };
        }, cancellationToken);
        if (!written)
        {
            // Deleted on another node meanwhile: the ports just allocated belong to nobody.
            await Index.ReleasePortsAsync(GrainKey, [], cancellationToken);
            DeactivateOnIdle();
            return null;
        }
        TunnelGrainLog.Updated(logger, GrainKey, targetsChanged);

        if (targetsChanged && _link is { } link && !AgentTargets.SameEndpoints(update.Targets!, current.Targets))
        {
            await PushTargetsAsync(link, cancellationToken);
        }
        return BuildInfo();
    }

    public async Task<AgentControlResult> ControlAsync(AgentControlCommand command, CancellationToken cancellationToken)
    {
        await RefreshIfOfflineAsync(cancellationToken);
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
                if (!await UpdateStateAsync(s => s with { Targets = targets, Ports = ports }, cancellationToken))
                {
                    await Index.ReleasePortsAsync(GrainKey, [], cancellationToken);
                    DeactivateOnIdle();
                    throw new AgentNotFoundException(GrainKey);
                }
                TunnelGrainLog.Updated(logger, GrainKey, targetsChanged: true);
            }
            command = command with { Targets = state.State.Targets };
        }
        TunnelGrainLog.ControlSent(logger, GrainKey, command.Command);
        return await link.SendControlAsync(command, cancellationToken);
    }

    public async Task<bool> DeleteAsync(CancellationToken cancellationToken)
    {
        await RefreshIfOfflineAsync(cancellationToken);
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            return false;
        }
        var link = _link;
        _link = null;
        var removed = await OptimisticState.ClearAsync(state, MaxWriteAttempts, Record, cancellationToken);
        await Index.ReleasePortsAsync(GrainKey, [], cancellationToken);
        await Index.RemoveAsync(GrainKey, cancellationToken);
        if (link is not null)
        {
            TunnelGrainLog.Closing(logger, GrainKey, link.LinkId, AgentCloseReason.Revoked);
            await link.CloseAsync(AgentCloseReason.Revoked, "the agent was deleted");
        }
        if (removed)
        {
            TunnelGrainLog.Deleted(logger, GrainKey, link is not null);
        }
        DeactivateOnIdle();
        return removed;
    }

    // ---- edge side ----

    public async Task<bool> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        // A token of an agent deleted on another node must not pass here.
        await RefreshIfOfflineAsync(cancellationToken);
        if (!state.RecordExists)
        {
            // Same work as a wrong token, so the answer's timing does not tell whether the id exists.
            AgentTokens.VerifyNothing(token);
            DeactivateOnIdle();
            return false;
        }
        var s = state.State;
        return AgentTokens.Verify(token, s.TokenSalt, s.TokenHash, s.TokenIterations);
    }

    public async Task<IReadOnlyList<AgentTarget>> AgentConnectedAsync(AgentHelloInfo hello, IAgentLink link, CancellationToken cancellationToken)
    {
        // This node takes the agent: its targets and name are what the store holds now, maybe changed elsewhere.
        await state.ReadStateAsync(cancellationToken);
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            throw new AgentNotFoundException(GrainKey);
        }
        var previous = _link;
        var now = Time.GetUtcNow();
        _link = link;
        _localIp = ValidIp(hello.LocalIp);
        _lastSeen = Timestamps.Later(_lastSeen, now);
        _traffic = NoTraffic;
        DelayDeactivation(LinkedKeepAlive);
        if (previous is not null && previous.LinkId != link.LinkId)
        {
            TunnelGrainLog.LinkReplaced(logger, GrainKey, previous.RemoteEndPoint, link.RemoteEndPoint);
            await previous.CloseAsync(AgentCloseReason.Evicted, "a newer connection of the same agent took over");
        }

        var localIp = _localIp;
        var written = await UpdateStateAsync(s => s with
        {
            LastSeen = Timestamps.Later(s.LastSeen, now),
            ConnectedFrom = hello.RemoteEndPoint,
            Version = Bound(hello.Version),
            Model = Bound(hello.Model),
            LocalIpHistory = localIp is null ? s.LocalIpHistory : PrependDistinct(s.LocalIpHistory, localIp),
            Traffic = NoTraffic,
        }, cancellationToken);
        if (!written)
        {
            // Deleted on another node between the read above and this write.
            _link = null;
            DelayDeactivation(TimeSpan.Zero);
            DeactivateOnIdle();
            throw new AgentNotFoundException(GrainKey);
        }
        TunnelGrainLog.Online(logger, GrainKey, link.RemoteEndPoint);
        return state.State.Targets;
    }

    public async Task AgentDisconnectedAsync(long linkId, string reason, CancellationToken cancellationToken)
    {
        if (_link?.LinkId != linkId)
        {
            return;
        }
        _link = null;
        _lastSeen = Timestamps.Later(_lastSeen, Time.GetUtcNow());
        _traffic = _traffic with { OpenStreams = [] };
        DelayDeactivation(TimeSpan.Zero);
        TunnelGrainLog.Offline(logger, GrainKey, reason);
        if (state.RecordExists)
        {
            await UpdateStateAsync(WithThisSession, cancellationToken);
        }
    }

    public Task TrafficReportedAsync(long linkId, AgentTraffic traffic, CancellationToken cancellationToken)
    {
        if (_link?.LinkId == linkId)
        {
            _traffic = traffic;
            _lastSeen = Timestamps.Later(_lastSeen, Time.GetUtcNow());
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

    private string Record => $"The record of agent '{GrainKey}'";

    /// <summary>
    /// The one way the record changes: <paramref name="change"/> is applied to the current state and written;
    /// when another node wrote in between, the record is read again and the change applied to that (bounded).
    /// A record this activation knew is never recreated: once another node deleted it, nothing is written.
    /// </summary>
    /// <returns>False when the record is gone (deleted on another node): nothing was written.</returns>
    private async Task<bool> UpdateStateAsync(Func<AgentState, AgentState> change, CancellationToken cancellationToken)
    {
        var written = await OptimisticState.UpdateAsync(
            state, change, mustExist: state.RecordExists, MaxWriteAttempts, Record, cancellationToken);
        if (written)
        {
            _lastSeen = Timestamps.Later(_lastSeen, state.State.LastSeen);
        }
        return written;
    }

    /// <summary>
    /// This activation's session (last seen, traffic) on top of <paramref name="s"/>, unless another node saw
    /// the agent later: then its session is the latest and stays.
    /// </summary>
    private AgentState WithThisSession(AgentState s) =>
        _lastSeen is { } seen && !Timestamps.IsLater(s.LastSeen, seen)
            ? s with { LastSeen = seen, Traffic = _traffic }
            : s;

    /// <summary>
    /// Without a link here the agent may be on another node, which updates, deletes and sees it there: read the
    /// record again (one small read) before showing, checking or changing it.
    /// </summary>
    private async Task RefreshIfOfflineAsync(CancellationToken cancellationToken)
    {
        if (_link is not null)
        {
            return;
        }
        await state.ReadStateAsync(cancellationToken);
        var stored = state.State;
        if (!Timestamps.IsLater(_lastSeen, stored.LastSeen))
        {
            // The stored session is at least as recent as the one this activation saw: show its figures.
            _lastSeen = stored.LastSeen;
            _traffic = stored.Traffic ?? NoTraffic;
        }
    }

    private AgentInfo BuildInfo()
    {
        var s = state.State;
        return new AgentInfo(
            GrainKey,
            s.Name,
            s.CreatedAt,
            _link is not null,
            Timestamps.Later(_lastSeen, s.LastSeen),
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
