using System.Collections.Concurrent;
using CameraCloud.Agents;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.Tunnel;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Edge.Agents;

/// <summary>
/// One agent's live tunnel session on this node, and the grain's <see cref="IAgentLink"/> to it. The grain
/// decides (evict, revoke, control); the session speaks the wire.
/// </summary>
public sealed class AgentSession : IAgentLink
{
    // GOAWAY is one frame; a peer that does not take it within this is closed anyway by the session's end.
    private static readonly TimeSpan GoAwayTimeout = TimeSpan.FromSeconds(5);

    private static long s_nextLinkId;

    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<uint, string> _streamClients = new();
    private Task _closing = Task.CompletedTask;
    private int _closeRequested;

    internal AgentSession(string agentId, TunnelSession tunnel, string remoteEndPoint, DateTimeOffset connectedAt, ILogger logger)
    {
        AgentId = agentId;
        Tunnel = tunnel;
        RemoteEndPoint = remoteEndPoint;
        ConnectedAt = connectedAt;
        _logger = logger;
        LinkId = Interlocked.Increment(ref s_nextLinkId);
    }

    public long LinkId { get; }

    public string AgentId { get; }

    public string RemoteEndPoint { get; }

    public DateTimeOffset ConnectedAt { get; }

    internal TunnelSession Tunnel { get; }

    /// <summary>The GOAWAY sent by <see cref="CloseAsync"/>, if any; completes when it was sent or gave up.</summary>
    internal Task Closing => Volatile.Read(ref _closing);

    public async Task<AgentControlResult> SendControlAsync(AgentControlCommand command, CancellationToken cancellationToken)
    {
        IReadOnlyList<TargetMessage>? targets = command.Targets?.Select(t => new TargetMessage(t.Name, t.Host, t.Port)).ToList();
        try
        {
            var result = await Tunnel.SendControlAsync(command.Command, targets, command.Url, cancellationToken);
            return new AgentControlResult(result.Ok, result.Error, result.Status);
        }
        catch (TunnelSessionClosedException)
        {
            throw new AgentOfflineException(AgentId);
        }
        catch (TunnelStreamException ex) when (ex.Code == TunnelErrorCode.Timeout)
        {
            throw new TimeoutException($"Agent '{AgentId}' did not answer '{command.Command}' in time.", ex);
        }
    }

    /// <summary>Starts GOAWAY with the reason's code and returns at once: a grain turn never waits on a slow peer.</summary>
    public Task CloseAsync(AgentCloseReason reason, string message)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 0)
        {
            Volatile.Write(ref _closing, GoAwayAsync(CodeOf(reason), message));
        }
        return Task.CompletedTask;
    }

    /// <summary>Remembers which gateway client a stream serves, for the traffic report.</summary>
    internal void StreamOpened(uint streamId, string client) => _streamClients[streamId] = client;

    /// <summary>The session's traffic as the grain sees it; forgets clients of streams that have ended.</summary>
    internal AgentTraffic ReadTraffic()
    {
        var stats = Tunnel.GetStats();
        var open = stats.OpenStreams
            .Select(s => new AgentStreamTraffic(s.StreamId, s.Target, _streamClients.GetValueOrDefault(s.StreamId) ?? "?", s.OpenedAt, s.BytesSent, s.BytesReceived))
            .ToList();
        foreach (var id in _streamClients.Keys)
        {
            if (!stats.OpenStreams.Any(s => s.StreamId == id))
            {
                _streamClients.TryRemove(id, out _);
            }
        }
        return new AgentTraffic(stats.BytesSent, stats.BytesReceived, stats.StreamsOpened, open);
    }

    /// <summary>Sends GOAWAY and closes, bounded; failures are logged, never thrown.</summary>
    internal async Task GoAwayAsync(TunnelErrorCode code, string message)
    {
        using var timeout = new CancellationTokenSource(GoAwayTimeout);
        try
        {
            await Tunnel.GoAwayAsync(code, message, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or System.Net.WebSockets.WebSocketException
            or ObjectDisposedException or TunnelSessionClosedException or InvalidOperationException)
        {
            AgentEdgeLog.CloseFailed(_logger, AgentId, ex.Message);
        }
    }

    private static TunnelErrorCode CodeOf(AgentCloseReason reason) => reason switch
    {
        AgentCloseReason.Evicted => TunnelErrorCode.Evicted,
        AgentCloseReason.Revoked => TunnelErrorCode.Revoked,
        _ => TunnelErrorCode.Shutdown,
    };
}
