using System.Globalization;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Bench.V720Load;

/// <summary>
/// Registers many cameras that stay connected but unwatched (heartbeats every 5 s, MQTT on) and reports
/// the silo's memory per idle camera against its own baseline measured in the same run.
/// </summary>
public static class IdleRun
{
    public sealed record Result(int Cameras, int Registered, long BaselineRssBytes, long LoadedRssBytes, double SiloCores);

    public static async Task<Result> RunAsync(SiloProcess silo, BenchOptions options, CancellationToken cancellationToken)
    {
        var baseline = ProcessMeter.Sample(silo.Pid);
        var cameras = new SimulatedCamera?[options.IdleCameras];
        using var gate = new SemaphoreSlim(options.IdleStartConcurrency);
        var started = DateTimeOffset.UtcNow;
        try
        {
            var starts = Enumerable.Range(0, options.IdleCameras).Select(async i =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    cameras[i] = await SimulatedCamera.StartAsync(new SimulatedCameraOptions
                    {
                        ServerHost = "127.0.0.1",
                        HttpPort = silo.HttpPort,
                        MqttPort = silo.MqttPort,
                        UseMqtt = options.IdleWithMqtt,
                        DeviceId = "0800c2" + i.ToString("X6", CultureInfo.InvariantCulture),
                        SendAudio = false,
                        Seed = i,
                        ConnectTimeout = TimeSpan.FromSeconds(30),
                        RegisterTimeout = TimeSpan.FromSeconds(30),
                    }, cancellationToken);
                }
                catch (Exception ex) when (ex is SimulatedCameraException or IOException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    Console.WriteLine($"camera {i} did not start: {ex.Message}");
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(starts);
            var registered = cameras.Count(c => c is { IsRegistered: true });
            Console.WriteLine($"{registered} of {options.IdleCameras} idle cameras registered in {(DateTimeOffset.UtcNow - started).TotalSeconds:F0} s");

            // Let registration bursts, write-behind and the GC settle, then measure over a window.
            await Task.Delay(options.IdleSettle, cancellationToken);
            var before = ProcessMeter.Sample(silo.Pid);
            await Task.Delay(options.Window, cancellationToken);
            var after = ProcessMeter.Sample(silo.Pid);
            return new Result(options.IdleCameras, registered, baseline.RssBytes, after.RssBytes, ProcessSample.CoresBetween(before, after));
        }
        finally
        {
            foreach (var camera in cameras)
            {
                if (camera is not null)
                {
                    await camera.DisposeAsync();
                }
            }
        }
    }
}
