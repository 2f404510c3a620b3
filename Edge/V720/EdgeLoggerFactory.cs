using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CameraCloud.Edge.V720;

/// <summary>
/// The node's logger factory as the edge's inner server sees it, minus the hosting status lines
/// ("Now listening on: http://0.0.0.0:6123" would call a TCP and an MQTT port HTTP). The edge logs where
/// each listener binds itself, by name.
/// </summary>
internal sealed class EdgeLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Microsoft.Hosting.Lifetime", StringComparison.Ordinal) ? NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The node owns the inner factory and disposes it.
    public void Dispose()
    {
    }
}
