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

    private bool IsStale => time.GetUtcNow() - _readAt >= MaxAge;

    private bool MayReadAfterMiss => time.GetUtcNow() - _readAt >= MissRefresh;

    public void MarkRead() => _readAt = time.GetUtcNow();

    /// <summary>
    /// Looks up with <paramref name="find"/> in the held copy, reading the record again first when it is stale
    /// and once more after a miss (at most once per <see cref="MissRefresh"/>).
    /// </summary>
    public async Task<T?> FindAsync<T>(Func<T?> find, Func<CancellationToken, Task> read, CancellationToken cancellationToken) where T : class
    {
        if (IsStale)
        {
            await read(cancellationToken);
            MarkRead();
        }
        var found = find();
        if (found is null && MayReadAfterMiss)
        {
            await read(cancellationToken);
            MarkRead();
            found = find();
        }
        return found;
    }
}
