namespace CameraCloud.Agent.Logging;

/// <summary>Severity of a log line; the configured level hides everything below it.</summary>
public enum AgentLogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}
