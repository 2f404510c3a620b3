namespace CameraCloud.Grains.Auth;

/// <summary>
/// When a record every node authenticates against must be read again: nodes share it, and each has its own
/// activation, so what another node added or revoked shows here after at most <see cref="MaxAge"/>. A lookup that
/// misses reads again at most once per <see cref="MissRefresh"/>, so a flood of made-up ids costs the store nothing.
/// </summary>
internal sealed class SharedRecordFreshness(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MissRefresh = TimeSpan.FromSeconds(1);

    private DateTimeOffset _readAt = time.GetUtcNow();

    public bool IsStale => time.GetUtcNow() - _readAt >= MaxAge;

    public bool MayReadAfterMiss => time.GetUtcNow() - _readAt >= MissRefresh;

    public void MarkRead() => _readAt = time.GetUtcNow();
}
