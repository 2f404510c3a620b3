using System.Reflection;

namespace CameraCloud.Agent.Connection;

/// <summary>The agent's version as HELLO, get-status and --version report it.</summary>
public static class AgentVersion
{
    /// <summary>The informational version with any "+commit" suffix, e.g. 1.0.0+4f2c….</summary>
    public static string Full { get; } =
        typeof(AgentVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AgentVersion).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary>The version without the build suffix, as HELLO carries it.</summary>
    public static string Short { get; } = Full.Split('+')[0];
}
