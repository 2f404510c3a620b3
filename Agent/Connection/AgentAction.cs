namespace CameraCloud.Agent.Connection;

/// <summary>Why the agent itself ended a session, decided while it ran.</summary>
public enum AgentAction
{
    None,

    /// <summary>Control "reconnect": dial again after the usual backoff.</summary>
    Reconnect,

    /// <summary>Control "redirect": dial the new server URL.</summary>
    Redirect,

    /// <summary>Control "restart": exit with <see cref="AgentExitCodes.Restart"/> so the supervisor starts a fresh process.</summary>
    Restart,

    /// <summary>The local address toward the server changed (DHCP): the old connection is dead or soon will be.</summary>
    AddressChanged,
}
