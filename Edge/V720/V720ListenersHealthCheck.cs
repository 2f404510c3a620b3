using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CameraCloud.Edge.V720;

/// <summary>Ready once the camera-facing listeners are bound.</summary>
public sealed class V720ListenersHealthCheck(V720EdgeServer server) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(server.IsListening
            ? HealthCheckResult.Healthy("V720 listeners bound")
            : HealthCheckResult.Unhealthy("V720 listeners not started"));
}
