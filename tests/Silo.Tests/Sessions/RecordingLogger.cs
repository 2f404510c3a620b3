using Microsoft.Extensions.Logging;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>Keeps every log event (name and formatted message), so a test can check why something happened.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(string? EventName, string Message)> _events = [];

    public IReadOnlyList<string> Messages(string eventName)
    {
        lock (_gate)
        {
            return _events.Where(e => e.EventName == eventName).Select(e => e.Message).ToList();
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _events.Add((eventId.Name, formatter(state, exception)));
        }
    }
}
