using CameraCloud.Agent.Logging;

namespace CameraCloud.Agent.Configuration;

/// <summary>
/// The validated configuration the agent runs with. <c>Server</c> has <c>/agent/connect</c> when no path
/// was given; <c>ConfigFile</c> is the file read, if any. <c>Targets</c> are all the cloud may ever reach.
/// </summary>
public sealed record AgentConfig(
    Uri Server,
    string Id,
    string Token,
    string? Model,
    AgentLogLevel LogLevel,
    IReadOnlyList<AgentTarget> Targets,
    string? ConfigFile)
{
    /// <summary>Masks the token: a record's generated text would print it into whatever logs the config.</summary>
    public override string ToString() =>
        $"server={Server} id={Id} token={TokenMask.Mask(Token)} model={Model ?? "-"} targets={string.Join(",", Targets)}"
        + (ConfigFile is null ? "" : $" file={ConfigFile}");
}
