using System.Globalization;
using CameraCloud.Bench;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Bench.V720Load;

/// <summary>
/// Adds streaming cameras (each with one MJPEG viewer) in steps and measures, per step, frame loss
/// from sequence gaps and the silo's CPU and memory over a fixed window, and the UDP 50s the cameras got: the
/// simulated cameras answer every 50 with a 51, as firmware does, so a server that answers every 51 shows here
/// as a rate that never falls and a per-start count that keeps growing.
/// </summary>
public static class StreamingRun
{
    public sealed record Step(int Cameras, double LossPercent, double DeliveredFps, double SiloCores, long SiloRssBytes);

    public static async Task<IReadOnlyList<Step>> RunAsync(SiloProcess silo, BenchOptions options, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = silo.Gateway,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        // The viewers and the drop counters read the API as the silo's admin.
        silo.Authorize(client);
        var cameras = new List<SimulatedCamera>();
        var viewers = new List<FrameCounter>();
        var steps = new List<Step>();
        var baseline = ProcessMeter.Sample(silo.Pid);
        Console.WriteLine($"silo baseline: RSS {Mb(baseline.RssBytes)} MB");
        Console.WriteLine("cameras  loss%   delivered-fps  silo-cores  silo-RSS-MB  cpu%/cam  KB/cam  lost-on-ingest  dropped-for-slow-viewer  50s/s  max-50s/start");
        try
        {
            for (var target = options.Step; target <= options.MaxStreaming; target += options.Step)
            {
                for (var i = cameras.Count; i < target; i++)
                {
                    var camera = await SimulatedCamera.StartAsync(new SimulatedCameraOptions
                    {
                        ServerHost = "127.0.0.1",
                        HttpPort = silo.HttpPort,
                        DeviceId = "0800c1" + i.ToString("X6", CultureInfo.InvariantCulture),
                        Fps = 10,
                        Seed = i,
                    }, cancellationToken);
                    cameras.Add(camera);
                    viewers.Add(FrameCounter.Start(client, camera.DeviceId));
                }
                await Task.Delay(options.Warmup, cancellationToken);

                foreach (var viewer in viewers)
                {
                    viewer.StartWindow();
                }
                var dropsBefore = await SiloDropCounters.ReadAsync(client, cancellationToken);
                var probesBefore = cameras.Sum(c => c.ProbesReceived);
                var before = ProcessMeter.Sample(silo.Pid);
                await Task.Delay(options.Window, cancellationToken);
                var after = ProcessMeter.Sample(silo.Pid);
                var probesPerSecond = (cameras.Sum(c => c.ProbesReceived) - probesBefore) / options.Window.TotalSeconds;
                var mostProbesPerStart = cameras.Max(c => c.MostProbesInOneStart);
                var drops = await SiloDropCounters.ReadAsync(client, cancellationToken) - dropsBefore;
                long expected = 0, received = 0;
                foreach (var viewer in viewers)
                {
                    var (e, r) = viewer.EndWindow();
                    expected += e;
                    received += r;
                }

                var loss = expected == 0 ? 100 : 100.0 * (expected - received) / expected;
                var cores = ProcessSample.CoresBetween(before, after);
                var step = new Step(target, loss, received / options.Window.TotalSeconds, cores, after.RssBytes);
                steps.Add(step);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{target,7}  {loss,5:F2}  {step.DeliveredFps,13:F0}  {cores,10:F2}  {Mb(after.RssBytes),11:F0}  {100 * cores / target,8:F2}  {(after.RssBytes - baseline.RssBytes) / 1024.0 / target,6:F0}  {drops.IngestDropped,14}  {drops.ViewerDropped,23}  {probesPerSecond,5:F0}  {mostProbesPerStart,13}"));
                var failed = viewers.Where(v => v.Failure is not null).Select(v => $"{v.CameraId}: {v.Failure}").ToList();
                if (failed.Count > 0)
                {
                    Console.WriteLine($"  {failed.Count} viewer(s) failed, e.g. {failed[0]}");
                }
                if (loss >= options.LossLimitPercent)
                {
                    break;
                }
            }
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
            foreach (var camera in cameras)
            {
                await camera.DisposeAsync();
            }
        }
        return steps;
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
