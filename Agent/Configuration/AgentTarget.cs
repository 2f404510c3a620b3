namespace CameraCloud.Agent.Configuration;

/// <summary>
/// A service the agent may connect to for the cloud. The cloud names a target, never an address, so a
/// gateway can only reach what this table lists.
/// </summary>
public sealed record AgentTarget(string Name, string Host, int Port)
{
    public override string ToString() => $"{Name}={TargetSyntax.FormatAddress(Host, Port)}";
}
