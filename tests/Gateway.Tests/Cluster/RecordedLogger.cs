using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>One category's logger of <see cref="RecordedLogs"/>.</summary>
internal sealed class RecordedLogger(RecordedLogs logs, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        logs.Add(category, eventId, formatter(state, exception));
}
