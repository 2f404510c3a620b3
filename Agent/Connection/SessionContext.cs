using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Logging;

namespace CameraCloud.Agent.Connection;

/// <summary>
/// One session's facts and hooks: what HELLO says, how the session may be ended early, and the link
/// back to the supervisor once the handshake is done.
/// </summary>
public sealed class SessionContext : IDisposable
{
    private readonly AgentLog _log;
    private readonly TimeProvider _time;
    private long? _establishedAt;

    public SessionContext(AgentState state, Uri server, string? localIp, AgentLog log, TimeProvider time, CancellationToken stopping)
    {
        State = state;
        Server = server;
        LocalIp = localIp;
        _log = log;
        _time = time;
        Stop = new SessionStop(time, stopping);
    }

    public AgentState State { get; }

    /// <summary>The server this session dialled.</summary>
    public Uri Server { get; }

    /// <summary>The local IPv4 (or IPv6) the OS routes toward the server, read at this dial.</summary>
    public string? LocalIp { get; }

    public SessionStop Stop { get; }

    public string AgentId => State.Config.Id;

    public string Version => AgentVersion.Short;

    public string? Model => State.Config.Model;

    public string Hostname => Environment.MachineName;

    /// <summary>The targets to announce in HELLO.</summary>
    public IReadOnlyList<AgentTarget> Targets => State.Targets.Current;

    /// <summary>Set by the session once it runs: how many streams are open now (get-status).</summary>
    public Func<int> OpenStreams { get; set; } = static () => 0;

    public string? SessionId { get; private set; }

    /// <summary>How long the session has been up, or null if the handshake never completed.</summary>
    public TimeSpan? Lived => _establishedAt is { } at ? _time.GetElapsedTime(at) : null;

    /// <summary>The handshake completed: the session counts as up from now.</summary>
    public void Established(string? sessionId)
    {
        SessionId = sessionId;
        _establishedAt = _time.GetTimestamp();
        _log.Info($"connected to {Server} as {AgentId} (local {LocalIp ?? "unknown"}, session {sessionId ?? "-"})");
    }

    public void Dispose() => Stop.Dispose();
}
