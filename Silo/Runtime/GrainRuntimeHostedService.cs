using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Runtime;

/// <summary>Drives the grain runtime from the host: the idle sweep while running, deactivation of all at stop.</summary>
internal sealed class GrainRuntimeHostedService(
    GrainRuntime runtime,
    IOptions<GrainRuntimeOptions> options,
    TimeProvider time,
    ILogger<GrainRuntimeHostedService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _sweeps;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sweeps = SweepLoopAsync(options.Value.SweepInterval, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_sweeps is not null)
        {
            try
            {
                await _sweeps.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Out of time; the shutdown below drops what is left.
            }
        }

        await runtime.ShutdownAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task SweepLoopAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    // Not cancelled by stopping: a grain's last write in OnDeactivateAsync should not be cut
                    // short. Each deactivation is bounded by DeactivationTimeout, and StopAsync waits for it.
                    await runtime.SweepIdleAsync(CancellationToken.None);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    GrainRuntimeLog.SweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
