namespace CameraCloud.Bench;

/// <summary>CPU time used so far and resident memory of a process at one instant.</summary>
public readonly record struct ProcessSample(DateTimeOffset At, TimeSpan CpuTime, long RssBytes)
{
    /// <summary>Average cores used between two samples.</summary>
    public static double CoresBetween(ProcessSample first, ProcessSample second) =>
        (second.CpuTime - first.CpuTime).TotalSeconds / (second.At - first.At).TotalSeconds;
}
