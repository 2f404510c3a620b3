using CameraCloud.V720.Simulator;
using CameraCloud.V720.Simulator.Viewing;

namespace CameraCloud.Bench.V720Load;

/// <summary>
/// One MJPEG viewer that counts what it receives by the simulator's frame numbers, so loss is measured
/// per camera from sequence gaps rather than from clocks that never line up exactly.
/// </summary>
public sealed class FrameCounter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private long _windowFirst = -1;
    private long _windowLast = -1;
    private long _windowReceived;
    private bool _counting;

    private FrameCounter(HttpClient client, string cameraId)
    {
        CameraId = cameraId;
        _loop = RunAsync(client, _stop.Token);
    }

    public string CameraId { get; }

    public long Received { get; private set; }

    public string? Failure { get; private set; }

    public static FrameCounter Start(HttpClient client, string cameraId) => new(client, cameraId);

    /// <summary>Begins a measurement window.</summary>
    public void StartWindow()
    {
        lock (_gate)
        {
            _windowFirst = _windowLast = -1;
            _windowReceived = 0;
            _counting = true;
        }
    }

    /// <summary>Ends the window: frames expected (from the first to the last number seen) and received.</summary>
    public (long Expected, long Received) EndWindow()
    {
        lock (_gate)
        {
            _counting = false;
            return _windowFirst < 0 ? (0, 0) : (_windowLast - _windowFirst + 1, _windowReceived);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync(HttpClient client, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync($"api/cameras/{CameraId}/mjpeg", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
            var reader = new MjpegPartReader(await response.Content.ReadAsStreamAsync(cancellationToken), boundary);
            while (!cancellationToken.IsCancellationRequested)
            {
                var part = await reader.ReadPartAsync(cancellationToken);
                Received++;
                if (!SimulatedFrameTag.TryRead(part.Body, out _, out var seq))
                {
                    continue;
                }
                lock (_gate)
                {
                    if (_counting)
                    {
                        if (_windowFirst < 0)
                        {
                            _windowFirst = seq;
                        }
                        _windowLast = seq;
                        _windowReceived++;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
        {
            Failure = ex.Message;
        }
    }
}
