using CameraCloud.Actors;
using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Tests.Runtime.Grains;
using CameraCloud.Silo.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CameraCloud.Silo.Tests.Runtime;

public sealed class IdleDeactivationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_activation_is_deactivated_once_idle_for_the_idle_time()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        await Wait.For(silo.Factory.GetGrain<ITurnGrain>("idle").GetInstanceAsync(default));

        silo.Time.Advance(TestSilo.IdleAfter - TimeSpan.FromSeconds(1));
        await silo.SweepAsync();
        Assert.Equal(1, silo.Runtime.ActivationCount);
        Assert.Equal(0, silo.Probe.Count("idle", "deactivated"));

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        await silo.SweepAsync();
        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(DeactivationReason.Idle, Assert.Single(silo.Probe.Events("idle", "deactivated")).Reason);
    }

    [Fact]
    public async Task A_call_restarts_the_idle_time()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("busy");
        await Wait.For(grain.GetInstanceAsync(default));

        silo.Time.Advance(TestSilo.IdleAfter - TimeSpan.FromSeconds(1));
        await Wait.For(grain.GetInstanceAsync(default));
        silo.Time.Advance(TimeSpan.FromSeconds(2));
        await silo.SweepAsync();

        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task DelayDeactivation_keeps_an_idle_activation_until_its_deadline()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("kept");
        await Wait.For(grain.DelayDeactivationAsync(TimeSpan.FromHours(1), default));

        silo.Time.Advance(TestSilo.IdleAfter + TimeSpan.FromMinutes(1));
        await silo.SweepAsync();
        Assert.Equal(1, silo.Runtime.ActivationCount);

        silo.Time.Advance(TimeSpan.FromHours(1));
        await silo.SweepAsync();
        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(DeactivationReason.Idle, Assert.Single(silo.Probe.Events("kept", "deactivated")).Reason);
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_call_and_the_next_call_gets_a_new_activation()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("bye");
        int first = await Wait.For(grain.GetInstanceAsync(default));

        await Wait.For(grain.DeactivateOnIdleAsync(default));
        await silo.Probe.WaitForAsync("bye", "deactivated");
        int second = await Wait.For(grain.GetInstanceAsync(default));

        Assert.Equal(DeactivationReason.Requested, Assert.Single(silo.Probe.Events("bye", "deactivated")).Reason);
        Assert.NotEqual(first, second);
        Assert.Equal(2, silo.Probe.Count("bye", "activated"));
    }

    [Fact]
    public async Task A_new_activation_reads_the_state_again()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ICounterGrain counter = silo.Factory.GetGrain<ICounterGrain>("c");
        CounterSnapshot written = await Wait.For(counter.IncrementAsync(default));
        silo.Time.Advance(TestSilo.IdleAfter);
        await silo.SweepAsync();

        // Someone else moves the record on while no activation holds it.
        IGrainStorage storage = silo.Services.GetRequiredService<IGrainStorage>();
        await storage.WriteAsync("counter", "c", "counter", """{"count":41}"""u8.ToArray(), written.Etag, default);
        CounterSnapshot read = await Wait.For(counter.GetAsync(default));

        Assert.Equal(41, read.Count);
        Assert.NotEqual(written.Instance, read.Instance);
        Assert.Equal(1, silo.Probe.Count("c", "activated-with-41"));
    }

    [Fact]
    public async Task A_call_racing_a_deactivation_waits_for_it_and_lands_on_a_fresh_activation()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ISlowDeactivationGrain grain = silo.Factory.GetGrain<ISlowDeactivationGrain>("race");
        int first = await Wait.For(grain.GetInstanceAsync(default));
        silo.Time.Advance(TestSilo.IdleAfter);
        Task sweep = silo.Runtime.SweepIdleAsync(CancellationToken.None);
        await silo.Probe.WaitForAsync("race", "deactivating");

        Task<int> racing = grain.GetInstanceAsync(default);
        Assert.False(racing.IsCompleted);
        silo.Probe.DeactivationGate.SetResult();
        int second = await Wait.For(racing);
        await Wait.For(sweep);

        // The old instance would have thrown had the call reached it after OnDeactivateAsync began.
        Assert.NotEqual(first, second);
        Assert.True(
            silo.Probe.IndexOf("race", "deactivation-finished", first) < silo.Probe.IndexOf("race", "activated", second),
            "the new activation started before the old one finished deactivating");
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }
}
