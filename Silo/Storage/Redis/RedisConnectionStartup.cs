using Microsoft.Extensions.Hosting;

namespace CameraCloud.Silo.Storage.Redis;

/// <summary>
/// Connects to Redis when the host starts, so an unreachable server fails the start, not the first grain.
/// Registered before every service that uses the connection, so it starts first.
/// </summary>
internal sealed class RedisConnectionStartup(RedisConnection connection) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => connection.ConnectAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
