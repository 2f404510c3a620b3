namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>
/// The phases, in order, on one cluster with the same cameras: idle; latency (each camera watched on A and on
/// B at once); direct (all viewers on A); forwarded (the same number of viewers, all on B). Between direct and
/// forwarded the new viewers open before the old ones close, so the cameras never stop streaming. The latency
/// phase comes first also because it warms both paths on both nodes: direct and forwarded are then compared
/// warm, whichever runs first.
/// </summary>
public static class ForwardingRun
{
    public sealed record Result(LatencyReport Latency, int TimelineOverflows, IReadOnlyList<PhaseFigures> Phases, IReadOnlyList<string> Problems);

    public static async Task<Result> RunAsync(ForwardingCluster cluster, IReadOnlyList<TimedCamera> cameras, ForwardingOptions options, CancellationToken cancellationToken)
    {
        var phases = new List<PhaseFigures>();
        var problems = new List<string>();
        // Start-up work (JIT, the cameras' registration) settles before the baseline.
        await Task.Delay(options.Warmup, cancellationToken);
        phases.Add(await PhaseMeter.MeasureAsync("idle", cluster, [], options.Phase, cancellationToken));

        var direct = await ViewerSet.OpenAsync(cluster, cameras, ViewerPath.Direct, options.ViewersPerCamera, cancellationToken);
        try
        {
            LatencyReport latency;
            await using (var alsoOnB = await ViewerSet.OpenAsync(cluster, cameras, ViewerPath.Forwarded, options.ViewersPerCamera, cancellationToken))
            {
                await Task.Delay(options.Warmup, cancellationToken);
                foreach (var camera in cameras)
                {
                    camera.Timeline.Open();
                }
                phases.Add(await PhaseMeter.MeasureAsync("A+B (latency)", cluster, [direct, alsoOnB], options.Phase, cancellationToken));
                foreach (var camera in cameras)
                {
                    camera.Timeline.Close();
                }
                // Frames sent just before the close are still on their way to one viewer or both.
                await Task.Delay(options.Grace, cancellationToken);
                latency = LatencyReport.From(cameras.SelectMany(c => c.Timeline.Freeze()));
                Check(alsoOnB, problems);
            }

            await Task.Delay(options.Warmup, cancellationToken);
            phases.Add(await PhaseMeter.MeasureAsync("direct (A)", cluster, [direct], options.Phase, cancellationToken));
            Check(direct, problems);

            await using var forwarded = await ViewerSet.OpenAsync(cluster, cameras, ViewerPath.Forwarded, options.ViewersPerCamera, cancellationToken);
            await direct.DisposeAsync();
            await Task.Delay(options.Warmup, cancellationToken);
            phases.Add(await PhaseMeter.MeasureAsync("forwarded (B)", cluster, [forwarded], options.Phase, cancellationToken));
            Check(forwarded, problems);
            return new Result(latency, cameras.Sum(c => c.Timeline.Overflowed), phases, problems);
        }
        finally
        {
            await direct.DisposeAsync();
        }
    }

    private static void Check(ViewerSet viewers, List<string> problems)
    {
        var (failed, first) = viewers.Failures;
        if (failed > 0)
        {
            problems.Add($"{failed} {viewers.Path} viewer(s) failed, e.g. {first}");
        }
        if (viewers.Untagged > 0)
        {
            problems.Add($"{viewers.Untagged} frame(s) at {viewers.Path} viewers without this camera's tag");
        }
    }
}
