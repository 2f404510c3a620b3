using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>Base of the test grains: records activation and deactivation with a per-instance number.</summary>
public abstract class ProbedGrain(GrainProbe probe) : Grain
{
    protected GrainProbe Probe { get; } = probe;

    protected int Instance { get; } = probe.NextInstance();

    /// <summary>Set when OnDeactivateAsync began; a call after that would be a runtime bug.</summary>
    protected bool Deactivating { get; private set; }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Record("activated");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivating = true;
        Record("deactivated", reason);
        return Task.CompletedTask;
    }

    protected void Record(string kind, DeactivationReason? reason = null) =>
        Probe.Record(new LifecycleEvent(GetType().Name, GrainKey, Instance, kind, reason));

    protected void ThrowIfDeactivating()
    {
        if (Deactivating)
        {
            throw new InvalidOperationException($"Instance {Instance} was called after OnDeactivateAsync began.");
        }
    }
}
