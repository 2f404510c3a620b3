using CameraCloud.Agent.Configuration;

namespace CameraCloud.Agent.Connection;

/// <summary>
/// What outlives one session: the configuration, the targets in force (update-config) and the server to
/// dial (redirect). Control requests and stream opens read and change it from the session's threads.
/// </summary>
public sealed class AgentState
{
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private Uri _server;

    public AgentState(AgentConfig config, TimeProvider time)
    {
        Config = config;
        Targets = new TargetTable(config.Targets);
        _server = config.Server;
        _time = time;
        _startedAt = time.GetTimestamp();
    }

    public AgentConfig Config { get; }

    public TargetTable Targets { get; }

    /// <summary>The server to dial next; redirect changes it until the process exits.</summary>
    public Uri Server
    {
        get => Volatile.Read(ref _server);
        set => Volatile.Write(ref _server, value);
    }

    public TimeSpan Uptime => _time.GetElapsedTime(_startedAt);
}
