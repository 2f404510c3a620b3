using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>Keeps every log event of a test host, so a test can count the ones it names.</summary>
internal sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId Id, string Message)> _events = new();

    public int Count(string eventName) => _events.Count(e => e.Id.Name == eventName);

    public IReadOnlyList<string> Messages(string eventName) => [.. _events.Where(e => e.Id.Name == eventName).Select(e => e.Message)];

    public ILogger CreateLogger(string categoryName) => new RecordedLogger(this, categoryName);

    public void Dispose()
    {
    }

    internal void Add(string category, EventId id, string message) => _events.Enqueue((category, id, message));
}
