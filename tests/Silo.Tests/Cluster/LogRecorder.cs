using Microsoft.Extensions.Logging;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>Keeps every log event by name, and lets a test await the n-th event of a name.</summary>
internal sealed class LogRecorder<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(string? EventName, string Message)> _events = [];
    private readonly List<(string EventName, int Count, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<string> Messages(string eventName)
    {
        lock (_gate)
        {
            return [.. _events.Where(e => e.EventName == eventName).Select(e => e.Message)];
        }
    }

    /// <summary>Completes once <paramref name="count"/> events named <paramref name="eventName"/> were logged.</summary>
    public Task WaitForAsync(string eventName, int count = 1)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_events.Count(e => e.EventName == eventName) >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((eventName, count, done));
        }

        return done.Task;
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        List<TaskCompletionSource> ready = [];
        lock (_gate)
        {
            _events.Add((eventId.Name, formatter(state, exception)));
            foreach (var waiter in _waiters.ToList())
            {
                if (_events.Count(e => e.EventName == waiter.EventName) >= waiter.Count)
                {
                    _waiters.Remove(waiter);
                    ready.Add(waiter.Done);
                }
            }
        }

        foreach (TaskCompletionSource done in ready)
        {
            done.TrySetResult();
        }
    }
}
