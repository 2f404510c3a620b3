namespace CameraCloud.V720.Simulator;

/// <summary>A thread-safe log that keeps the newest <c>capacity</c> entries, so a long benchmark cannot grow it.</summary>
internal sealed class BoundedLog<T>
{
    private readonly Lock _gate = new();
    private readonly T[] _ring;
    private int _next;
    private long _total;

    public BoundedLog(int capacity) => _ring = new T[capacity];

    /// <summary>Entries ever added, including those dropped for capacity.</summary>
    public long Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            _ring[_next] = item;
            _next = (_next + 1) % _ring.Length;
            _total++;
        }
    }

    /// <summary>The kept entries, oldest first.</summary>
    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            int count = (int)Math.Min(_total, _ring.Length);
            var items = new T[count];
            int start = count < _ring.Length ? 0 : _next;
            for (int i = 0; i < count; i++)
            {
                items[i] = _ring[(start + i) % _ring.Length];
            }
            return items;
        }
    }
}
