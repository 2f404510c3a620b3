using System.Diagnostics;
using CameraCloud.V720.Simulator;
using CameraCloud.V720.Simulator.Viewing;

namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>
/// One MJPEG viewer of one camera through one node. Stamps every whole frame on the bench's Stopwatch clock as
/// soon as it is read and hands it to the camera's <see cref="FrameTimeline"/> if it has one; counts frames for throughput.
/// </summary>
public sealed class TimedViewer : IAsyncDisposable
{
    private const string ServedByHeader = "CameraCloud-Node";

    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstFrame = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FrameTimeline? _timeline;
    private readonly Task _loop;
    private long _received;

    private TimedViewer(HttpClient client, string cameraId, ViewerPath path, FrameTimeline? timeline)
    {
        CameraId = cameraId;
        Path = path;
        _timeline = timeline;
        _loop = RunAsync(client, _stop.Token);
    }

    public string CameraId { get; }

    public ViewerPath Path { get; }

    /// <summary>The node that served the stream, from the response header (the owner also when forwarded).</summary>
    public string? ServedBy { get; private set; }

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Frames whose tag named another camera or none: would mean a mixed-up stream.</summary>
    public long Untagged { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>Completes with the first whole frame; fails if the stream ends before one.</summary>
    public Task FirstFrame => _firstFrame.Task;

    /// <summary>Starts reading; <paramref name="timeline"/> null: count frames only.</summary>
    public static TimedViewer Start(HttpClient client, string cameraId, ViewerPath path, FrameTimeline? timeline) =>
        new(client, cameraId, path, timeline);

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
            ServedBy = response.Headers.TryGetValues(ServedByHeader, out var served) ? served.FirstOrDefault() : null;
            var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
            var reader = new MjpegPartReader(await response.Content.ReadAsStreamAsync(cancellationToken), boundary);
            while (!cancellationToken.IsCancellationRequested)
            {
                var part = await reader.ReadPartAsync(cancellationToken);
                var arrived = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _received);
                if (SimulatedFrameTag.TryRead(part.Body, out var uid, out var seq) && uid == CameraId)
                {
                    _timeline?.OnArrived(Path, seq, arrived);
                }
                else
                {
                    Untagged++;
                }
                _firstFrame.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException or OperationCanceledException)
        {
            Failure = ex.Message;
        }
        finally
        {
            _firstFrame.TrySetException(new InvalidOperationException($"{Path} viewer of {CameraId} ended before a frame: {Failure ?? "stopped"}"));
        }
    }
}
