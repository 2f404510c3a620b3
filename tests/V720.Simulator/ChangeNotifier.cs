namespace CameraCloud.V720.Simulator;

/// <summary>
/// Wakes waiters when the camera's observable state changed. A task is only allocated while someone waits,
/// so the media loop's counter updates cost nothing when no test is watching.
/// </summary>
internal sealed class ChangeNotifier
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _next;

    /// <summary>A task that completes at the next <see cref="Notify"/>. Take it before checking the state.</summary>
    public Task NextChange()
    {
        lock (_gate)
        {
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _next.Task;
        }
    }

    public void Notify()
    {
        TaskCompletionSource? waiting;
        lock (_gate)
        {
            waiting = _next;
            _next = null;
        }
        waiting?.TrySetResult();
    }
}
