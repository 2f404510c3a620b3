using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>Keeps every log event of a test host, so a test can count the ones it names.</summary>
internal sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId Id, string Message)> _events = new();

    public int Count(string eventName) => _events.Count(e => e.Id.Name == eventName);

    public IReadOnlyList<string> Messages(string eventName) => [.. _events.Where(e => e.Id.Name == eventName).Select(e => e.Message)];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._events.Enqueue((category, eventId, formatter(state, exception)));
    }
}
