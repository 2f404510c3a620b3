namespace CameraCloud.Agents;

/// <summary>Why the server ends an agent session (sent as the GOAWAY code).</summary>
public enum AgentCloseReason
{
    /// <summary>A newer connection of the same agent id took over.</summary>
    Evicted,

    /// <summary>The agent was deleted: its token no longer works.</summary>
    Revoked,

    /// <summary>The server is stopping.</summary>
    Shutdown,
}
