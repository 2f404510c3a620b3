namespace CameraCloud.Silo.Storage;

/// <summary>
/// An async mutex per string key. Entries live only while someone holds or waits for them, so the
/// table stays as small as the number of records being written right now.
/// </summary>
internal sealed class KeyedAsyncLock
{
    private readonly Dictionary<string, KeyedAsyncLockEntry> _entries = new(StringComparer.Ordinal);

    internal int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Holders plus waiters of <paramref name="key"/>.</summary>
    internal int UsersOf(string key)
    {
        lock (_entries)
        {
            return _entries.TryGetValue(key, out KeyedAsyncLockEntry? entry) ? entry.References : 0;
        }
    }

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        KeyedAsyncLockEntry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new KeyedAsyncLockEntry(key);
                _entries.Add(key, entry);
            }

            entry.References++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Forget(entry);
            throw;
        }

        return new KeyedAsyncLockHandle(this, entry);
    }

    internal void Release(KeyedAsyncLockEntry entry)
    {
        entry.Semaphore.Release();
        Forget(entry);
    }

    private void Forget(KeyedAsyncLockEntry entry)
    {
        lock (_entries)
        {
            if (--entry.References == 0)
            {
                _entries.Remove(entry.Key);
                entry.Semaphore.Dispose();
            }
        }
    }
}
