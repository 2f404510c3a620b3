using System.Diagnostics;
using System.Globalization;
using CameraCloud.Bench;

namespace CameraCloud.Bench.V720Load;

/// <summary>
/// Registers many cameras that stay connected but unwatched (heartbeats every 5 s) and reports the silo's
/// memory per idle camera against its own baseline measured in the same run.
/// </summary>
public static class IdleRun
{
    /// <summary>Cameras per worker process: three sockets each stays well inside a 20,000-file limit.</summary>
    private const int CamerasPerWorker = 4000;

    public sealed record Result(int Cameras, int Registered, long BaselineRssBytes, long LoadedRssBytes, double SiloCores, TimeSpan RegistrationTime);

    public static async Task<Result> RunAsync(SiloProcess silo, BenchOptions options, CancellationToken cancellationToken)
    {
        var baseline = ProcessMeter.Sample(silo.Pid);
        var started = Stopwatch.StartNew();
        var workers = new List<Process>();
        try
        {
            for (var first = 0; first < options.IdleCameras; first += CamerasPerWorker)
            {
                workers.Add(StartWorker(silo, first, Math.Min(CamerasPerWorker, options.IdleCameras - first), options.IdleWithMqtt));
            }
            var registered = 0;
            foreach (var worker in workers)
            {
                string? line;
                while ((line = await worker.StandardOutput.ReadLineAsync(cancellationToken)) is not null && !line.StartsWith("READY ", StringComparison.Ordinal))
                {
                }
                registered += line is null ? 0 : int.Parse(line["READY ".Length..], CultureInfo.InvariantCulture);
            }
            var registrationTime = started.Elapsed;
            Console.WriteLine($"{registered} of {options.IdleCameras} idle cameras registered in {registrationTime.TotalSeconds:F0} s");

            // Let registration bursts, write-behind and the GC settle, then measure over a window.
            await Task.Delay(options.IdleSettle, cancellationToken);
            var before = ProcessMeter.Sample(silo.Pid);
            await Task.Delay(options.Window, cancellationToken);
            var after = ProcessMeter.Sample(silo.Pid);
            return new Result(options.IdleCameras, registered, baseline.RssBytes, after.RssBytes, ProcessSample.CoresBetween(before, after), registrationTime);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.StandardInput.Close();
            }
            foreach (var worker in workers)
            {
                if (!worker.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    worker.Kill();
                }
                worker.Dispose();
            }
        }
    }

    private static Process StartWorker(SiloProcess silo, int first, int count, bool mqtt)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        info.ArgumentList.Add(typeof(IdleRun).Assembly.Location);
        foreach (var argument in new[] { IdleWorker.Flag, "--http-port", silo.HttpPort.ToString(CultureInfo.InvariantCulture),
            "--mqtt-port", silo.MqttPort.ToString(CultureInfo.InvariantCulture), "--first", first.ToString(CultureInfo.InvariantCulture),
            "--count", count.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }
        if (mqtt)
        {
            info.ArgumentList.Add("--mqtt");
        }
        return Process.Start(info) ?? throw new InvalidOperationException("could not start an idle worker");
    }
}
