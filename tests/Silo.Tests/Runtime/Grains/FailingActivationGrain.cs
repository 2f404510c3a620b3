namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>OnActivateAsync throws while the probe says so.</summary>
public sealed class FailingActivationGrain(GrainProbe probe) : ProbedGrain(probe), IFailingActivationGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (Probe.FailActivations)
        {
            throw new TestGrainException($"activation {Instance} refused");
        }
    }

    public Task<int> GetInstanceAsync(CancellationToken cancellationToken) => Task.FromResult(Instance);
}
