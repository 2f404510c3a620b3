using CameraCloud.Actors;
using CameraCloud.Silo.Tests.Runtime.Grains;
using CameraCloud.Silo.Tests.Storage;
using Xunit;

namespace CameraCloud.Silo.Tests.Runtime;

public sealed class ShutdownTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Shutdown_deactivates_every_activation_with_reason_Shutdown_past_a_grain_that_throws()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        string[] keys = ["a", "b", "c"];
        foreach (string key in keys)
        {
            await Wait.For(silo.Factory.GetGrain<ITurnGrain>(key).GetInstanceAsync(default));
        }

        await Wait.For(silo.Factory.GetGrain<IThrowingDeactivationGrain>("x").GetInstanceAsync(default));

        await silo.ShutdownAsync();

        foreach (string key in keys.Append("x"))
        {
            Assert.Equal(DeactivationReason.Shutdown, Assert.Single(silo.Probe.Events(key, "deactivated")).Reason);
        }

        Assert.Equal(0, silo.Runtime.ActivationCount);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Wait.For(silo.Factory.GetGrain<ITurnGrain>("late").GetInstanceAsync(default)));
        Assert.Contains("shutting down", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_lets_the_running_call_finish_first()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("working");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task hold = grain.HoldAsync(release.Task, default);
        await silo.Probe.WaitForAsync("working", "entered");

        Task shutdown = silo.ShutdownAsync();
        Assert.Equal(0, silo.Probe.Count("working", "deactivated"));
        release.SetResult();
        await Wait.For(Task.WhenAll(hold, shutdown));

        Assert.Equal(DeactivationReason.Shutdown, Assert.Single(silo.Probe.Events("working", "deactivated")).Reason);
    }

    [Fact]
    public async Task The_shutdown_token_bounds_a_grain_that_never_finishes_deactivating()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        await Wait.For(silo.Factory.GetGrain<ISlowDeactivationGrain>("stuck").GetInstanceAsync(default));
        await Wait.For(silo.Factory.GetGrain<ITurnGrain>("fine").GetInstanceAsync(default));
        using var deadline = new CancellationTokenSource();

        Task shutdown = silo.Runtime.ShutdownAsync(deadline.Token);
        await silo.Probe.WaitForAsync("stuck", "deactivating");
        await silo.Probe.WaitForAsync("fine", "deactivated");
        Assert.False(shutdown.IsCompleted);
        await deadline.CancelAsync();
        await Wait.For(shutdown);

        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(0, silo.Probe.Count("stuck", "deactivation-finished"));
    }
}
