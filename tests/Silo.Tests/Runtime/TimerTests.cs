using CameraCloud.Silo.Tests.Runtime.Grains;
using CameraCloud.Silo.Tests.Storage;
using Xunit;

namespace CameraCloud.Silo.Tests.Runtime;

public sealed class TimerTests : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_tick_waits_for_the_running_call_and_the_timer_keeps_ticking()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("t");
        await Wait.For(grain.StartTimerAsync(Period, Period, default));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task hold = grain.HoldAsync(release.Task, default);
        await silo.Probe.WaitForAsync("t", "entered");

        silo.Time.Advance(Period);

        // The tick is due, but the call still holds the turn (a tick that ran would have recorded at once).
        Assert.Equal(0, silo.Probe.Count("t", "tick"));
        Task rearmed = silo.Time.WaitForNextArmAsync();
        release.SetResult();
        await Wait.For(hold);
        await silo.Probe.WaitForAsync("t", "tick");

        // The next tick is armed once the first one's turn ended.
        await rearmed;
        silo.Time.Advance(Period);
        await silo.Probe.WaitForAsync("t", "tick", occurrence: 2);
        Assert.Equal(1, await Wait.For(grain.GetMaxInsideAsync(default)));
    }

    [Fact]
    public async Task Deactivation_stops_the_timers()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("t");
        await Wait.For(grain.StartTimerAsync(Period, Period, default));

        await Wait.For(grain.DeactivateOnIdleAsync(default));
        await silo.Probe.WaitForAsync("t", "deactivated");
        silo.Time.Advance(Period * 5);

        // Timers stop before OnDeactivateAsync runs, so no tick can come after it.
        Assert.Equal(0, silo.Probe.Count("t", "tick"));
    }
}
