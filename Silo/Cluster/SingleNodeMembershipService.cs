using Microsoft.Extensions.Hosting;

namespace CameraCloud.Silo.Cluster;

/// <summary>Decides this node's advertised address once the server has bound its URLs (after every start).</summary>
internal sealed class SingleNodeMembershipService(AdvertiseAddressResolver resolver) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        resolver.Resolve();
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
