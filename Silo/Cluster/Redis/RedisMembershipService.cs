using CameraCloud.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>
/// Drives <see cref="RedisClusterMembership"/> from the host: reads the internal key when the host starts (a
/// Redis that does not answer then fails the start), decides the advertised address and heartbeats once the
/// server has bound its URLs (<see cref="IHostedLifecycleService.StartedAsync"/>), heartbeats every
/// <see cref="ClusterOptions.HeartbeatInterval"/>, and removes the advertisement when the host stops.
/// </summary>
internal sealed class RedisMembershipService(
    RedisClusterMembership membership,
    AdvertiseAddressResolver resolver,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<RedisMembershipService> logger) : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _heartbeats;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await membership.JoinAsync(cancellationToken);
        }
        catch (DirectoryUnavailableException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        resolver.Resolve();
        await membership.HeartbeatAsync(cancellationToken);
        _heartbeats = HeartbeatLoopAsync(options.Value.HeartbeatInterval, _stopping.Token);
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_heartbeats is not null)
        {
            try
            {
                await _heartbeats.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Out of time: the round in flight is bounded by the per-call timeout.
            }

            await membership.LeaveAsync(cancellationToken);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await membership.HeartbeatAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Unavailability is handled inside; this is a reply of an unexpected shape. The next round retries.
                    ClusterLog.HeartbeatRoundFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
