namespace CameraCloud.Actors;

/// <summary>
/// Base class of every grain. The runtime binds the context before <see cref="OnActivateAsync"/>;
/// members mirror Orleans' <c>Grain</c> so the code reads the same.
/// </summary>
public abstract class Grain : IGrainLifecycle
{
    private IGrainContext? _context;

    protected IGrainContext Context => _context ?? throw new InvalidOperationException("The grain is not activated.");

    protected string GrainKey => Context.GrainKey;

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    protected TimeProvider Time => Context.Time;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    protected void DelayDeactivation(TimeSpan period) => Context.DelayDeactivation(period);

    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();

    void IGrainLifecycle.Bind(IGrainContext context) => _context = context;
}
