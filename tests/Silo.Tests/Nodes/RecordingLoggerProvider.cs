using Microsoft.Extensions.Logging;

namespace CameraCloud.Silo.Tests.Nodes;

/// <summary>Keeps every log line a node writes (at the levels its configuration lets through), for tests of what is logged.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<(string Category, string? EventName, string Message)> _lines = [];

    public IReadOnlyList<(string Category, string? EventName, string Message)> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string category, string? eventName, string message)
    {
        lock (_gate)
        {
            _lines.Add((category, eventName, message));
        }
    }

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(category, eventId.Name, formatter(state, exception) + (exception is null ? "" : "\n" + exception));
    }
}
