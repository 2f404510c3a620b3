using System.Globalization;
using CameraCloud.Bench;
using CameraCloud.Bench.V720Load;

// V720 load run: the largest number of streaming cameras one node carries under 0.5 % frame loss,
// CPU and memory per streaming camera, and memory per idle registered camera. Figures are printed
// beside their baseline (the same silo before load); nothing here fails on a number.
if (args.Contains(IdleWorker.Flag))
{
    return await IdleWorker.RunAsync(args);
}

var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

Console.WriteLine($"machine: {Environment.ProcessorCount} cores; silo and load generator share them");
if (!options.SkipStreaming)
{
    await using var silo = await SiloProcess.StartAsync(options.SiloDll, cancel.Token);
    Console.WriteLine($"== streaming: steps of {options.Step} cameras at 640x480, 10 fps, one MJPEG viewer each; window {options.Window.TotalSeconds:F0} s");
    var steps = await StreamingRun.RunAsync(silo, options, cancel.Token);
    var best = steps.LastOrDefault(s => s.LossPercent < options.LossLimitPercent);
    Console.WriteLine(best is null
        ? "no step stayed under the loss limit"
        : string.Create(CultureInfo.InvariantCulture,
            $"largest N under {options.LossLimitPercent} % loss: {best.Cameras} cameras (aim >= 200); silo {best.SiloCores:F2} cores = {100 * best.SiloCores / best.Cameras:F2} % of a core per streaming camera"));
}

if (!options.SkipIdle)
{
    await using var silo = await SiloProcess.StartAsync(options.SiloDll, cancel.Token);
    Console.WriteLine($"== idle: {options.IdleCameras} registered cameras, heartbeats every 5 s, MQTT {(options.IdleWithMqtt ? "on" : "off")}, no viewers");
    var idle = await IdleRun.RunAsync(silo, options, cancel.Token);
    var perCamera = (idle.LoadedRssBytes - idle.BaselineRssBytes) / 1024.0 / Math.Max(1, idle.Registered);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"silo RSS {idle.BaselineRssBytes / 1048576.0:F0} MB empty -> {idle.LoadedRssBytes / 1048576.0:F0} MB with {idle.Registered} idle cameras: {perCamera:F1} KB per idle camera (aim <= 30 KB); {idle.SiloCores:F2} cores for their heartbeats; registration took {idle.RegistrationTime.TotalSeconds:F0} s"));
}
return 0;
