using System.Globalization;

namespace CameraCloud.Agent.Logging;

/// <summary>
/// One line per event on stdout (<c>2026-11-21T18:00:00.000Z INFO connected …</c>), which systemd's journal
/// and the init script's log file both take as is. The agent ships without Microsoft.Extensions, so this
/// small writer replaces its logging.
/// </summary>
public sealed class AgentLog(TextWriter output, TimeProvider time)
{
    private readonly Lock _gate = new();

    /// <summary>Lines below this level are dropped. Starts at Info until the configuration says otherwise.</summary>
    public AgentLogLevel Minimum { get; set; } = AgentLogLevel.Info;

    public bool IsEnabled(AgentLogLevel level) => level >= Minimum;

    public void Debug(string message) => Write(AgentLogLevel.Debug, message);

    public void Info(string message) => Write(AgentLogLevel.Info, message);

    public void Warn(string message) => Write(AgentLogLevel.Warn, message);

    public void Error(string message) => Write(AgentLogLevel.Error, message);

    public void Write(AgentLogLevel level, string message)
    {
        if (!IsEnabled(level))
        {
            return;
        }
        // A message with a line break (an exception text, a server's reason) would read as two events.
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{time.GetUtcNow().UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {Label(level)} {message.ReplaceLineEndings(" ")}");
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    /// <summary>Parses a configured level name; null when it is none of debug, info, warn, error.</summary>
    public static AgentLogLevel? ParseLevel(string text) => text.Trim().ToLowerInvariant() switch
    {
        "debug" => AgentLogLevel.Debug,
        "info" => AgentLogLevel.Info,
        "warn" or "warning" => AgentLogLevel.Warn,
        "error" => AgentLogLevel.Error,
        _ => null,
    };

    private static string Label(AgentLogLevel level) => level switch
    {
        AgentLogLevel.Debug => "DEBUG",
        AgentLogLevel.Info => "INFO",
        AgentLogLevel.Warn => "WARN",
        _ => "ERROR",
    };
}
