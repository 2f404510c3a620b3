namespace CameraCloud.Agent.Configuration;

/// <summary>What one invocation of the program does.</summary>
public enum AgentCommand
{
    Run,
    Package,
    Help,
    Version,
}
