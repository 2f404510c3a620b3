using System.Threading.Tasks.Sources;

namespace CameraCloud.Tunnel;

/// <summary>
/// An auto-reset event with one waiter at a time that allocates nothing per wait (the DATA path
/// waits on one for every frame when a reader keeps up). A <see cref="Set"/> with nobody waiting is
/// remembered, so "check state, then wait" loops never miss a wake-up.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource
{
    private readonly Lock gate = new();
    private ManualResetValueTaskSourceCore<bool> core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration registration;
    private bool signaled;
    private bool waiting;

    public ValueTask WaitAsync(CancellationToken ct)
    {
        lock (gate)
        {
            if (signaled)
            {
                signaled = false;
                return ValueTask.CompletedTask;
            }
            if (ct.IsCancellationRequested)
            {
                return ValueTask.FromCanceled(ct);
            }
            if (waiting)
            {
                throw new InvalidOperationException("Only one caller may wait at a time.");
            }
            waiting = true;
            core.Reset();
            // Inside the lock: an already cancelled token runs the callback here, re-entering the lock on this thread.
            registration = ct.UnsafeRegister(static (state, token) => ((AsyncSignal)state!).Cancel(token), this);
            return new ValueTask(this, core.Version);
        }
    }

    public void Set()
    {
        CancellationTokenRegistration toRemove;
        lock (gate)
        {
            if (!waiting)
            {
                signaled = true;
                return;
            }
            waiting = false;
            toRemove = registration;
            registration = default;
        }
        toRemove.Unregister();
        core.SetResult(true);
    }

    private void Cancel(CancellationToken token)
    {
        lock (gate)
        {
            if (!waiting)
            {
                return;
            }
            waiting = false;
            registration = default;
        }
        core.SetException(new OperationCanceledException(token));
    }

    void IValueTaskSource.GetResult(short token) => core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        core.OnCompleted(continuation, state, token, flags);
}
