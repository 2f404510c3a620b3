namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>
/// Shared by the test grains of one silo (a DI singleton): they record what happened, tests wait for it.
/// Also carries the switches tests use to make grains fail or block.
/// </summary>
public sealed class GrainProbe
{
    private readonly Lock _gate = new();
    private readonly List<LifecycleEvent> _events = [];
    private readonly List<ProbeWaiter> _waiters = [];
    private int _lastInstance;

    /// <summary>Awaited by <see cref="SlowDeactivationGrain"/>'s OnDeactivateAsync.</summary>
    public TaskCompletionSource DeactivationGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>While set, <see cref="FailingActivationGrain"/> throws from OnActivateAsync.</summary>
    public bool FailActivations { get; set; }

    public int NextInstance() => Interlocked.Increment(ref _lastInstance);

    public void Record(LifecycleEvent e)
    {
        List<ProbeWaiter> done = [];
        lock (_gate)
        {
            _events.Add(e);
            foreach (ProbeWaiter waiter in _waiters)
            {
                if (CountLocked(waiter.Key, waiter.Kind) >= waiter.Occurrence)
                {
                    done.Add(waiter);
                }
            }

            _waiters.RemoveAll(done.Contains);
        }

        foreach (ProbeWaiter waiter in done)
        {
            waiter.Done.TrySetResult(e);
        }
    }

    public IReadOnlyList<LifecycleEvent> Events(string key, string kind)
    {
        lock (_gate)
        {
            return _events.Where(e => e.Key == key && e.Kind == kind).ToList();
        }
    }

    public int Count(string key, string kind) => Events(key, kind).Count;

    /// <summary>Position of the first matching event in recording order, or -1.</summary>
    public int IndexOf(string key, string kind, int instance)
    {
        lock (_gate)
        {
            return _events.FindIndex(e => e.Key == key && e.Kind == kind && e.Instance == instance);
        }
    }

    /// <summary>
    /// Completes once <paramref name="occurrence"/> events of this kind for this key were recorded
    /// (possibly already); fails after <see cref="Wait.Timeout"/>.
    /// </summary>
    public Task WaitForAsync(string key, string kind, int occurrence = 1)
    {
        var waiter = new ProbeWaiter(key, kind, occurrence);
        lock (_gate)
        {
            if (CountLocked(key, kind) >= occurrence)
            {
                return Task.CompletedTask;
            }

            _waiters.Add(waiter);
        }

        return Wait.For(waiter.Done.Task);
    }

    private int CountLocked(string key, string kind) => _events.Count(e => e.Key == key && e.Kind == kind);
}
