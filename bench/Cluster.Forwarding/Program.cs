using CameraCloud.Bench.ClusterForwarding;

// Forwarding run: cameras held by node A, watched through node B (forwarded to A over HTTP) beside viewers on A
// itself, in one run: the latency forwarding adds per frame and the CPU it costs each node per viewer. Prints
// figures beside their same-run baselines; nothing here fails on a number.
var options = ForwardingOptions.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;
var run = System.Diagnostics.Stopwatch.StartNew();

Console.WriteLine($"machine: {Environment.ProcessorCount} cores shared by node A, node B, redis-server, the cameras and the viewers");
await using var cluster = await ForwardingCluster.StartAsync(options.SiloDll, ct);
Console.WriteLine($"redis-server on 127.0.0.1:{cluster.Redis.Port}; node A {cluster.Owner.Gateway} holds the cameras; node B {cluster.Forwarder.Gateway} forwards");

var cameras = new List<TimedCamera>();
try
{
    for (var i = 0; i < options.Cameras; i++)
    {
        cameras.Add(await TimedCamera.StartAsync(cluster.Owner, i, options, ct));
    }
    foreach (var camera in cameras)
    {
        await cluster.WaitOwnedByAAsync(camera.Id, ct);
    }
    Console.WriteLine($"{options.Cameras} cameras 640x480 at {options.Fps} fps registered on A; B names A as their owner; {options.ViewersPerCamera} viewer(s) per camera per path");

    var result = await ForwardingRun.RunAsync(cluster, cameras, options, ct);
    ReportPrinter.Print(result, options);
    Console.WriteLine($"run took {run.Elapsed.TotalSeconds:F0} s");
}
finally
{
    foreach (var camera in cameras)
    {
        await camera.DisposeAsync();
    }
}
return 0;
