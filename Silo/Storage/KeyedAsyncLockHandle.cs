namespace CameraCloud.Silo.Storage;

/// <summary>A held key of a <see cref="KeyedAsyncLock"/>; disposing releases it once.</summary>
internal sealed class KeyedAsyncLockHandle(KeyedAsyncLock owner, KeyedAsyncLockEntry entry) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            owner.Release(entry);
        }
    }
}
