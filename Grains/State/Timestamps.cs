namespace CameraCloud.Grains.State;

/// <summary>Merging of times that several nodes write, such as "last seen": the later one wins, never the last writer.</summary>
internal static class Timestamps
{
    public static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a >= b ? a : b;

    /// <summary>True when <paramref name="candidate"/> is set and later than <paramref name="stored"/> (or nothing is stored).</summary>
    public static bool IsLater(DateTimeOffset? candidate, DateTimeOffset? stored) =>
        candidate is { } c && (stored is null || c > stored);
}
