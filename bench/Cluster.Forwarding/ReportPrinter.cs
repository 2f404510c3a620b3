using System.Globalization;

namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>Prints the run's figures, each beside the baseline measured in the same run.</summary>
public static class ReportPrinter
{
    public static void Print(ForwardingRun.Result result, ForwardingOptions options)
    {
        var latency = result.Latency;
        Console.WriteLine();
        Console.WriteLine(Invariant($"== latency: each camera watched at once on A (direct) and on B (forwarded to A over HTTP); frames sent in a {options.Phase.TotalSeconds:F0} s window, {options.Grace.TotalSeconds:F0} s grace for late arrivals"));
        Console.WriteLine($"frames sent {latency.Sent}: seen by both {latency.SeenByBoth}, only on A {latency.DirectOnly}, only on B {latency.ForwardedOnly}, by neither {latency.SeenByNeither}"
            + (result.TimelineOverflows > 0 ? $" ({result.TimelineOverflows} frames not timed: table full)" : ""));
        Console.WriteLine("ms                                   frames      p50      p90      p99      max");
        Row("camera -> viewer on A (baseline)", latency.Direct);
        Row("camera -> viewer on B (forwarded)", latency.Forwarded);
        Row("added by forwarding (B - A)", latency.Added);
        Console.WriteLine("(camera time: just before the frame's first UDP datagram; viewer time: its whole MJPEG part read; one Stopwatch in this process)");

        Console.WriteLine();
        Console.WriteLine(Invariant($"== CPU (cores = CPU time / wall time, from /proc) and RSS over {options.Phase.TotalSeconds:F0} s per phase, after {options.Warmup.TotalSeconds:F0} s warm-up"));
        Console.WriteLine("phase            viewers  fps-delivered  A-cores  B-cores  redis  bench  others  A-RSS-MB  B-RSS-MB");
        foreach (var p in result.Phases)
        {
            Console.WriteLine(Invariant(
                $"{p.Name,-15}  {p.Viewers,7}  {p.DeliveredFps,13:F0}  {p.OwnerCores,7:F3}  {p.ForwarderCores,7:F3}  {p.RedisCores,5:F3}  {p.BenchCores,5:F2}  {p.OtherCores,6:F2}  {Mb(p.OwnerRssBytes),8:F0}  {Mb(p.ForwarderRssBytes),8:F0}"));
        }

        var direct = result.Phases.Single(p => p.Name.StartsWith("direct", StringComparison.Ordinal));
        var forwarded = result.Phases.Single(p => p.Name.StartsWith("forwarded", StringComparison.Ordinal));
        var viewers = (double)options.Viewers;
        var onB = (forwarded.ForwarderCores - direct.ForwarderCores) / viewers;
        var onA = (forwarded.OwnerCores - direct.OwnerCores) / viewers;
        Console.WriteLine(Invariant(
            $"per forwarded viewer (forwarded minus direct, / {options.Viewers}): B {100 * onB:+0.00;-0.00;0.00} % of a core, A {100 * onA:+0.00;-0.00;0.00} % (serves B instead of the viewer), together {100 * (onA + onB):+0.00;-0.00;0.00} %; baseline: A {100 * direct.OwnerCores / viewers:F2} % per direct viewer, camera ingest included"));
        // Neither baseline is clean: from idle, the node's one-time growth when it first forwards counts too; from
        // the direct phase, buffers the latency phase's forwarded viewers left in the heap are reused. Between them.
        var idle = result.Phases.Single(p => p.Name == "idle");
        double KbPerViewer(PhaseFigures baseline) => (forwarded.ForwarderRssBytes - baseline.ForwarderRssBytes) / 1024.0 / viewers;
        Console.WriteLine(Invariant(
            $"B RSS {Mb(idle.ForwarderRssBytes):F0} MB idle, {Mb(direct.ForwarderRssBytes):F0} MB in the direct phase (after the latency phase forwarded), {Mb(forwarded.ForwarderRssBytes):F0} MB with {options.Viewers} forwarded viewers: {KbPerViewer(direct):+0;-0} KB (from direct) to {KbPerViewer(idle):+0;-0} KB (from idle) per forwarded viewer"));
        Console.WriteLine($"machine caveat: {Environment.ProcessorCount} cores shared by node A, node B, redis-server, the {options.Cameras} simulated cameras and every viewer (the bench process), and by whatever else ran ('others': machine busy time minus these processes); figures are for comparison within this run, not capacity");
        foreach (var problem in result.Problems)
        {
            Console.WriteLine("problem: " + problem);
        }
    }

    private static void Row(string name, Distribution d) =>
        Console.WriteLine(Invariant($"{name,-35}  {d.Count,6}  {d.P50,7:F2}  {d.P90,7:F2}  {d.P99,7:F2}  {d.Max,7:F2}"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
