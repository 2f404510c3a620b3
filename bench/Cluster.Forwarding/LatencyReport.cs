using System.Diagnostics;

namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>
/// The latency window's frames joined by (camera, seq): camera-to-viewer time on each path, the time forwarding
/// adds (arrival on B minus arrival on A of the same frame), and which frames one path or both missed.
/// </summary>
public sealed record LatencyReport(
    int Sent,
    int SeenByBoth,
    int DirectOnly,
    int ForwardedOnly,
    int SeenByNeither,
    Distribution Direct,
    Distribution Forwarded,
    Distribution Added)
{
    public static LatencyReport From(IEnumerable<FrameTimes> frames)
    {
        var all = frames.ToList();
        static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
        return new LatencyReport(
            all.Count,
            all.Count(f => f.Direct != 0 && f.Forwarded != 0),
            all.Count(f => f.Direct != 0 && f.Forwarded == 0),
            all.Count(f => f.Direct == 0 && f.Forwarded != 0),
            all.Count(f => f.Direct == 0 && f.Forwarded == 0),
            Distribution.Of(all.Where(f => f.Direct != 0).Select(f => Ms(f.Sent, f.Direct))),
            Distribution.Of(all.Where(f => f.Forwarded != 0).Select(f => Ms(f.Sent, f.Forwarded))),
            Distribution.Of(all.Where(f => f.Direct != 0 && f.Forwarded != 0).Select(f => Ms(f.Direct, f.Forwarded))));
    }
}
