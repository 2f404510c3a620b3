using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>
/// Subscribes the directory to other nodes' claims when the host starts (after the Redis connection), then
/// renews this node's leases every <see cref="ClusterOptions.RenewalInterval"/> until it stops.
/// </summary>
internal sealed class RedisDirectoryService(
    RedisDeviceDirectory directory, IOptions<ClusterOptions> options, TimeProvider time, ILogger<RedisDirectoryService> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _renewals;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await directory.SubscribeAsync(cancellationToken);
        }
        catch (CameraCloud.Cluster.DirectoryUnavailableException ex)
        {
            // What the start reports as a bad setting or an unreachable server, with no stack trace.
            throw new InvalidOperationException(ex.Message, ex);
        }

        _renewals = RenewLoopAsync(options.Value.RenewalInterval, _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_renewals is not null)
        {
            try
            {
                await _renewals.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Out of time: the round in flight is bounded by the per-call timeout and ends by itself.
            }
        }

        try
        {
            await directory.UnsubscribeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is CameraCloud.Cluster.DirectoryUnavailableException or OperationCanceledException)
        {
            // Stopping anyway; the connection closes with the host.
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RenewLoopAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await directory.RenewLeasesAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Unavailability is handled inside; this is a reply of an unexpected shape. The next round retries.
                    ClusterLog.RenewalRoundFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
