namespace CameraCloud.Silo.Storage;

/// <summary>The semaphore of one key of a <see cref="KeyedAsyncLock"/> and how many use it.</summary>
internal sealed class KeyedAsyncLockEntry(string key)
{
    public string Key { get; } = key;

    public SemaphoreSlim Semaphore { get; } = new(1, 1);

    /// <summary>Holders plus waiters; guarded by the owner's table lock.</summary>
    public int References { get; set; }
}
