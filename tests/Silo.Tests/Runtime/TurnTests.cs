using CameraCloud.Silo.Tests.Runtime.Grains;
using CameraCloud.Silo.Tests.Storage;
using Xunit;

namespace CameraCloud.Silo.Tests.Runtime;

public sealed class TurnTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Concurrent_calls_into_one_activation_never_interleave()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("one");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task[] calls = Enumerable.Range(0, 40).Select(_ => Task.Run(() => grain.HoldAsync(release.Task, default))).ToArray();
        await silo.Probe.WaitForAsync("one", "entered");

        // The first call holds the turn across its awaits: nobody else got in.
        Assert.Equal(1, silo.Probe.Count("one", "entered"));

        release.SetResult();
        await Wait.For(Task.WhenAll(calls));

        Assert.Equal(40, silo.Probe.Count("one", "entered"));
        Assert.Equal(1, await Wait.For(grain.GetMaxInsideAsync(default)));
    }

    [Fact]
    public async Task Calls_to_different_keys_run_concurrently()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        var aArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each call waits inside its turn for the other to arrive: both finish only if they overlap.
        Task a = silo.Factory.GetGrain<ITurnGrain>("a").RendezvousAsync(aArrived, bArrived.Task, default);
        Task b = silo.Factory.GetGrain<ITurnGrain>("b").RendezvousAsync(bArrived, aArrived.Task, default);

        await Wait.For(Task.WhenAll(a, b));
    }

    [Fact]
    public async Task An_exception_from_a_grain_reaches_the_caller_as_is_and_the_activation_stays_usable()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("thrower");
        int before = await Wait.For(grain.GetInstanceAsync(default));

        var async = await Assert.ThrowsAsync<TestGrainException>(() => Wait.For(grain.ThrowAsync("bad input", default)));
        var sync = await Assert.ThrowsAsync<TestGrainException>(() => Wait.For(grain.ThrowSynchronously("worse input")));

        Assert.Equal("bad input", async.Message);
        Assert.Equal("worse input", sync.Message);
        Assert.Equal(before, await Wait.For(grain.GetInstanceAsync(default)));
        Assert.Equal(1, silo.Probe.Count("thrower", "activated"));
    }

    [Fact]
    public async Task A_call_chain_back_into_a_waiting_activation_fails_fast_instead_of_deadlocking()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain a = silo.Factory.GetGrain<ITurnGrain>("ra");

        var cycle = await Assert.ThrowsAsync<InvalidOperationException>(() => Wait.For(a.RelayAsync(["rb", "ra"], default)));
        var self = await Assert.ThrowsAsync<InvalidOperationException>(() => Wait.For(a.RelayAsync(["ra"], default)));

        Assert.Contains("turn/ra → turn/rb → turn/ra", cycle.Message, StringComparison.Ordinal);
        Assert.Contains("deadlock", self.Message, StringComparison.Ordinal);

        // A chain without a cycle is fine, and every activation is still usable.
        int c = await Wait.For(a.RelayAsync(["rb", "rc"], default));
        Assert.Equal(c, await Wait.For(silo.Factory.GetGrain<ITurnGrain>("rc").GetInstanceAsync(default)));
    }

    [Fact]
    public async Task A_call_cancelled_while_queued_fails_and_leaves_the_activation_usable()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("q");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task hold = grain.HoldAsync(release.Task, default);
        await silo.Probe.WaitForAsync("q", "entered");
        using var cancel = new CancellationTokenSource();

        Task<int> queued = grain.GetInstanceAsync(cancel.Token);
        Assert.False(queued.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Wait.For(queued));
        release.SetResult();
        await Wait.For(hold);
        await Wait.For(grain.GetInstanceAsync(default));

        // Nothing is left counted as queued: the activation can go idle.
        silo.Time.Advance(TestSilo.IdleAfter);
        await silo.SweepAsync();
        Assert.Equal(0, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task Calls_beyond_the_queue_bound_are_refused()
    {
        await using var silo = TestSilo.Create(_folder.Path, new() { ["Grains:MaxQueuedCallsPerActivation"] = "2" });
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("busy");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task running = grain.HoldAsync(release.Task, default);
        await silo.Probe.WaitForAsync("busy", "entered");
        Task<int> queued = grain.GetInstanceAsync(default);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Wait.For(grain.GetInstanceAsync(default)));

        Assert.Contains("MaxQueuedCallsPerActivation", refused.Message, StringComparison.Ordinal);
        release.SetResult();
        await Wait.For(Task.WhenAll(running, queued));
    }
}
