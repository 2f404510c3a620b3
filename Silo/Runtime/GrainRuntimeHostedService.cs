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
            // The loop ends promptly once cancelled; the token only bounds a sweep stuck in a deactivation.
            await _sweeps.WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
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
                    await runtime.SweepIdleAsync(ct);
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
