namespace CameraCloud.Bench;

/// <summary>CPU time the whole machine spent busy (not idle, not waiting for I/O) so far, at one instant.</summary>
public readonly record struct MachineSample(DateTimeOffset At, TimeSpan BusyTime)
{
    /// <summary>Average cores busy between two samples, whoever used them.</summary>
    public static double CoresBetween(MachineSample first, MachineSample second) =>
        (second.BusyTime - first.BusyTime).TotalSeconds / (second.At - first.At).TotalSeconds;
}
