namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>Nearest-rank percentiles of a set of durations in milliseconds.</summary>
public sealed record Distribution(int Count, double P50, double P90, double P99, double Max)
{
    public static Distribution Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Distribution(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        double At(double fraction) => sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Distribution(sorted.Length, At(0.50), At(0.90), At(0.99), sorted[^1]);
    }
}
