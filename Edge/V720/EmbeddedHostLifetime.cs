using Microsoft.Extensions.Hosting;

namespace CameraCloud.Edge.V720;

/// <summary>
/// The edge's Kestrel runs inside the node's host: the node's lifetime handles Ctrl+C and SIGTERM, so
/// the inner server must not hook them a second time.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
