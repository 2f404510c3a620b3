namespace CameraCloud.Agent.Connection;

/// <summary>How a session ended, as far as the reconnect loop cares.</summary>
public enum SessionEndKind
{
    /// <summary>Closed, silent past the ping timeout, a protocol error, or ended by the agent: dial again.</summary>
    Closed,

    /// <summary>GOAWAY EVICTED: a newer connection with the same id took over (two agents sharing an id fight this way).</summary>
    Evicted,

    /// <summary>GOAWAY SHUTDOWN: the server is stopping; dial again.</summary>
    ServerShutdown,

    /// <summary>GOAWAY REVOKED: the agent was deleted; do not dial again with this token.</summary>
    Revoked,
}
