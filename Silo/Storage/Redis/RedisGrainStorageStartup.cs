using Microsoft.Extensions.Hosting;

namespace CameraCloud.Silo.Storage.Redis;

/// <summary>Connects to Redis when the host starts, so an unreachable server fails the start, not the first grain.</summary>
internal sealed class RedisGrainStorageStartup(RedisGrainStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.ConnectAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
