namespace CameraCloud.Agent.Connection;

/// <summary>Process exit codes; the systemd unit and the init script act on them.</summary>
public static class AgentExitCodes
{
    /// <summary>Stopped by SIGTERM/SIGINT, or a command that completed.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or configuration; also packaging that cannot be done here.</summary>
    public const int Usage = 2;

    /// <summary>The server revoked the token: supervisors must not restart (systemd RestartPreventExitStatus=3).</summary>
    public const int Revoked = 3;

    /// <summary>EX_TEMPFAIL: the control command "restart"; supervisors start the agent again.</summary>
    public const int Restart = 75;
}
