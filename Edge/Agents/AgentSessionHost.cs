using System.Net.WebSockets;
using CameraCloud.Actors;
using CameraCloud.Agents;
using CameraCloud.Cluster;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.Tunnel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Edge.Agents;

/// <summary>
/// Runs one authenticated agent WebSocket from handshake to end: HELLO checked against the credentials, the
/// session registered (the newest of an id wins), the grain told, the registry's targets pushed when the agent's
/// differ, traffic reported every few seconds (a timer here, never a grain call per chunk), and the grain told
/// again when it ends. At node stop every session gets GOAWAY SHUTDOWN before the web server waits for them.
/// </summary>
public sealed class AgentSessionHost : IHostedLifecycleService, IDisposable
{
    // A report is skipped while nothing changed, but at least this many intervals apart one goes anyway,
    // so the grain's last-seen stays fresh for an idle agent.
    private const int ReportAtLeastEvery = 5;

    // The end of a session is told to the grain even when the request that carried it was aborted.
    private static readonly TimeSpan DisconnectReportTimeout = TimeSpan.FromSeconds(10);

    private readonly IGrainFactory _grains;
    private readonly IDeviceDirectory _directory;
    private readonly AgentSessionRegistry _registry;
    private readonly TunnelOptions _options;
    private readonly TunnelSessionOptions _sessionOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();

    public AgentSessionHost(IGrainFactory grains, IDeviceDirectory directory, AgentSessionRegistry registry, IOptions<TunnelOptions> options,
        TimeProvider time, ILogger<AgentSessionHost> logger)
    {
        _grains = grains;
        _directory = directory;
        _registry = registry;
        _options = options.Value;
        _sessionOptions = new TunnelSessionOptions { MaxStreams = _options.MaxStreamsPerAgent, ControlTimeout = _options.ControlTimeout };
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised once the agent's grain knows a session (agent id, link id): its ports lead to the agent from now on.</summary>
    public event Action<string, long>? SessionStarted;

    /// <summary>Raised once the agent's grain was told a session ended (agent id, link id, reason).</summary>
    public event Action<string, long, string>? SessionEnded;

    /// <summary>Raised after each traffic report the grain accepted (agent id, traffic).</summary>
    public event Action<string, AgentTraffic>? TrafficReported;

    /// <summary>Runs the session of <paramref name="agentId"/> over an accepted WebSocket until it ends.</summary>
    public async Task RunAsync(string agentId, WebSocket socket, string remoteEndPoint, CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _stopping.Token);
        var cancellationToken = linked.Token;
        TunnelSession tunnel;
        try
        {
            tunnel = await TunnelSession.AcceptAsync(socket, _sessionOptions, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is TunnelProtocolException or WebSocketException or IOException or OperationCanceledException)
        {
            AgentEdgeLog.HandshakeFailed(_logger, agentId, remoteEndPoint, ex.Message);
            return;
        }

        await using (tunnel)
        {
            var hello = tunnel.Hello!;
            if (!string.Equals(hello.AgentId, agentId, StringComparison.Ordinal))
            {
                AgentEdgeLog.IdMismatch(_logger, agentId, remoteEndPoint, Logging.UntrustedText.ForLog(hello.AgentId));
                var refused = new AgentSession(agentId, tunnel, remoteEndPoint, _time.GetUtcNow(), _logger);
                await refused.GoAwayAsync(TunnelErrorCode.ProtocolError, "HELLO agentId does not match the credentials");
                return;
            }
            await RunSessionAsync(new AgentSession(agentId, tunnel, remoteEndPoint, _time.GetUtcNow(), _logger), hello, cancellationToken);
        }
    }

    private async Task RunSessionAsync(AgentSession session, AgentHelloMessage hello, CancellationToken cancellationToken)
    {
        if (_registry.Register(session) is { } previous)
        {
            AgentEdgeLog.Evicted(_logger, session.AgentId, previous.RemoteEndPoint, session.RemoteEndPoint);
            await previous.CloseAsync(AgentCloseReason.Evicted, "a newer connection of the same agent took over");
        }
        var grain = _grains.GetGrain<ITunnelGrain>(session.AgentId);
        var run = session.Tunnel.RunAsync(cancellationToken);
        DeviceLease? lease = null;
        using var reporting = new CancellationTokenSource();
        var reporter = Task.CompletedTask;
        var known = false;
        try
        {
            var helloTargets = hello.Targets.Select(t => new AgentTarget(t.Name, t.Host, t.Port)).ToList();
            var info = new AgentHelloInfo(hello.Version, hello.Model, hello.LocalIp, hello.Hostname, helloTargets, session.RemoteEndPoint);
            IReadOnlyList<AgentTarget>? registryTargets = null;
            lease = await TryClaimAsync(session, cancellationToken);
            try
            {
                if (lease is null)
                {
                    // Not known to the directory, so no other node could reach it: let it dial again shortly.
                    await session.GoAwayAsync(TunnelErrorCode.Internal, "the device directory is unavailable; dial again");
                }
                else
                {
                    registryTargets = await grain.AgentConnectedAsync(info, session, cancellationToken);
                }
                known = true;
            }
            catch (AgentNotFoundException)
            {
                // Deleted between the login and now.
                await session.CloseAsync(AgentCloseReason.Revoked, "the agent was deleted");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AgentEdgeLog.GrainCallFailed(_logger, session.AgentId, ex);
                await session.GoAwayAsync(TunnelErrorCode.Internal, "the server could not register the session; dial again");
            }

            if (registryTargets is not null)
            {
                AgentEdgeLog.Connected(_logger, session.AgentId, session.RemoteEndPoint, hello.Version, hello.LocalIp);
                reporter = ReportTrafficAsync(grain, session, reporting.Token);
                SessionStarted?.Invoke(session.AgentId, session.LinkId);
                if (!AgentTargets.SameEndpoints(registryTargets, helloTargets))
                {
                    await PushTargetsAsync(session, registryTargets, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection or the node is going away; the session's own end says which.
        }
        finally
        {
            var end = await run;
            await reporting.CancelAsync();
            await reporter;
            _registry.Unregister(session);
            await session.Closing;
            var reason = Describe(end);
            if (known)
            {
                await ReportDisconnectedAsync(grain, session, reason);
            }
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
            AgentEdgeLog.Ended(_logger, session.AgentId, session.RemoteEndPoint, reason);
            SessionEnded?.Invoke(session.AgentId, session.LinkId, reason);
        }
    }

    private async Task<DeviceLease?> TryClaimAsync(AgentSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await _directory.ClaimAsync(DeviceKey.Agent(session.AgentId), fencing =>
            {
                AgentEdgeLog.Fenced(_logger, session.AgentId, session.RemoteEndPoint, fencing.LostEpoch, fencing.NewOwner.NodeId, fencing.NewOwner.Epoch);
                return session.CloseAsync(AgentCloseReason.Evicted, $"a newer connection of the same agent reached node {fencing.NewOwner.NodeId}");
            }, cancellationToken);
        }
        catch (DirectoryUnavailableException ex)
        {
            AgentEdgeLog.ClaimFailed(_logger, session.AgentId, session.RemoteEndPoint, ex.Message);
            return null;
        }
    }

    private async Task PushTargetsAsync(AgentSession session, IReadOnlyList<AgentTarget> targets, CancellationToken cancellationToken)
    {
        try
        {
            var result = await session.SendControlAsync(new AgentControlCommand("update-config", targets), cancellationToken);
            AgentEdgeLog.TargetsPushed(_logger, session.AgentId, targets.Count, result.Ok);
        }
        catch (Exception ex) when (ex is TimeoutException or AgentOfflineException or TunnelStreamException or WebSocketException or IOException)
        {
            AgentEdgeLog.TargetsPushFailed(_logger, session.AgentId, ex.Message);
        }
    }

    private async Task ReportTrafficAsync(ITunnelGrain grain, AgentSession session, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.TrafficReportInterval, _time);
        AgentTraffic? last = null;
        var skipped = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var traffic = session.ReadTraffic();
                if (last is not null && SameTraffic(last, traffic) && ++skipped < ReportAtLeastEvery)
                {
                    continue;
                }
                try
                {
                    await grain.TrafficReportedAsync(session.LinkId, traffic, cancellationToken);
                    last = traffic;
                    skipped = 0;
                    TrafficReported?.Invoke(session.AgentId, traffic);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    AgentEdgeLog.GrainCallFailed(_logger, session.AgentId, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    private async Task ReportDisconnectedAsync(ITunnelGrain grain, AgentSession session, string reason)
    {
        using var timeout = new CancellationTokenSource(DisconnectReportTimeout);
        try
        {
            await grain.AgentDisconnectedAsync(session.LinkId, reason, timeout.Token);
        }
        catch (Exception ex)
        {
            AgentEdgeLog.GrainCallFailed(_logger, session.AgentId, ex);
        }
    }

    private string Describe(TunnelSessionEnd end)
    {
        var who = end.ByPeer ? "by the agent" : "by the server";
        var code = end.Code is { } c ? $" ({c})" : string.Empty;
        var stopping = _stopping.IsCancellationRequested ? ", node stopping" : string.Empty;
        return $"{end.Reason}{code} {who}{stopping}";
    }

    private static bool SameTraffic(AgentTraffic a, AgentTraffic b) =>
        a.BytesToAgent == b.BytesToAgent && a.BytesFromAgent == b.BytesFromAgent && a.StreamsOpened == b.StreamsOpened
        && a.OpenStreams.SequenceEqual(b.OpenStreams);

    // ---- node lifetime ----

    /// <summary>Runs before any hosted service stops (the web server included): GOAWAY SHUTDOWN to every agent.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var sessions = _registry.Snapshot();
        foreach (var session in sessions)
        {
            await session.CloseAsync(AgentCloseReason.Shutdown, "the server is stopping; dial again");
        }
        try
        {
            await Task.WhenAll(sessions.Select(s => s.Closing)).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time: the cancellation below ends what is left.
        }
        AgentEdgeLog.Shutdown(_logger, sessions.Count);
        await _stopping.CancelAsync();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();
}
