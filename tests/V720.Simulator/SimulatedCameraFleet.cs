namespace CameraCloud.V720.Simulator;

/// <summary>
/// Many simulated cameras for load benchmarks: started with staggered starts (a real site does not boot
/// hundreds of cameras in the same millisecond), counted together, disposed together.
/// </summary>
public sealed class SimulatedCameraFleet : IAsyncDisposable
{
    private readonly SimulatedCamera[] _cameras;

    private SimulatedCameraFleet(SimulatedCamera[] cameras, Exception[] failures)
    {
        _cameras = cameras;
        StartFailures = failures;
    }

    public IReadOnlyList<SimulatedCamera> Cameras => _cameras;

    /// <summary>Cameras that failed to start, with the reason; a benchmark reports them rather than stopping.</summary>
    public IReadOnlyList<Exception> StartFailures { get; }

    /// <summary>
    /// Starts <paramref name="count"/> cameras, camera <c>i</c> after <c>i × <paramref name="stagger"/></c>, with
    /// the options <paramref name="optionsFor"/> gives for <c>i</c> (give each its own DeviceId and Seed).
    /// </summary>
    public static async Task<SimulatedCameraFleet> StartAsync(int count, Func<int, SimulatedCameraOptions> optionsFor,
        TimeSpan stagger, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(optionsFor);
        ArgumentOutOfRangeException.ThrowIfLessThan(stagger, TimeSpan.Zero);

        var starts = Enumerable.Range(0, count).Select(i => StartOneAsync(optionsFor(i), stagger * i, ct)).ToArray();
        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // failures are collected below, one per camera
        }

        var cameras = starts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToArray();
        if (ct.IsCancellationRequested)
        {
            await Task.WhenAll(cameras.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
        }
        var failures = starts.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException ?? t.Exception).ToArray();
        return new SimulatedCameraFleet(cameras, failures);
    }

    public SimulatedFleetTotals Totals()
    {
        int registered = 0;
        int streaming = 0;
        long frames = 0, packets = 0, dropped = 0, acks = 0, starts = 0, stops = 0, missingAcks = 0, lost = 0;
        foreach (var camera in _cameras)
        {
            registered += camera.IsRegistered ? 1 : 0;
            streaming += camera.IsStreaming ? 1 : 0;
            frames += camera.FramesSent;
            packets += camera.PacketsSent;
            dropped += camera.PacketsDropped;
            acks += camera.AcksReceived;
            starts += camera.StreamStarts;
            stops += camera.StreamStops;
            missingAcks += camera.StoppedForMissingAcks;
            lost += camera.ConnectionsLost;
        }
        return new SimulatedFleetTotals(_cameras.Length, registered, streaming, frames, packets, dropped, acks, starts, stops,
            missingAcks, lost);
    }

    /// <summary>Waits until every camera satisfies <paramref name="condition"/> (each with its own WaitTimeout).</summary>
    public Task WaitUntilAllAsync(Func<SimulatedCamera, bool> condition, CancellationToken ct = default) =>
        Task.WhenAll(_cameras.Select(c => c.WaitUntilAsync(condition, ct)));

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_cameras.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);

    private static async Task<SimulatedCamera> StartOneAsync(SimulatedCameraOptions options, TimeSpan delay, CancellationToken ct)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
        return await SimulatedCamera.StartAsync(options, ct).ConfigureAwait(false);
    }
}
