using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

public sealed class SlowDeactivationGrain(GrainProbe probe) : ProbedGrain(probe), ISlowDeactivationGrain
{
    public Task<int> GetInstanceAsync(CancellationToken cancellationToken)
    {
        ThrowIfDeactivating();
        return Task.FromResult(Instance);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Record("deactivating", reason);
        await base.OnDeactivateAsync(reason, cancellationToken);
        await Probe.DeactivationGate.Task.WaitAsync(cancellationToken);
        Record("deactivation-finished", reason);
    }
}
