using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>OnDeactivateAsync records the reason, then throws.</summary>
public sealed class ThrowingDeactivationGrain(GrainProbe probe) : ProbedGrain(probe), IThrowingDeactivationGrain
{
    public Task<int> GetInstanceAsync(CancellationToken cancellationToken) => Task.FromResult(Instance);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await base.OnDeactivateAsync(reason, cancellationToken);
        throw new TestGrainException($"deactivation of {Instance} failed");
    }
}
