using CameraCloud.Silo.Tests.Runtime.Grains;
using CameraCloud.Silo.Tests.Storage;
using Xunit;

namespace CameraCloud.Silo.Tests.Runtime;

public sealed class ActivationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_reference_alone_activates_nothing_and_the_first_call_activates_once()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("a");
        Assert.Equal(0, silo.Runtime.ActivationCount);

        int first = await Wait.For(grain.GetInstanceAsync(default));
        int again = await Wait.For(grain.GetInstanceAsync(default));
        int viaNewReference = await Wait.For(silo.Factory.GetGrain<ITurnGrain>("a").GetInstanceAsync(default));

        Assert.Equal(first, again);
        Assert.Equal(first, viaNewReference);
        Assert.Equal(1, silo.Probe.Count("a", "activated"));
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_activation()
    {
        await using var silo = TestSilo.Create(_folder.Path);

        int[] instances = await Wait.For(Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Task.Run(() => silo.Factory.GetGrain<ITurnGrain>("shared").GetInstanceAsync(default)))));

        Assert.Single(instances.Distinct());
        Assert.Equal(1, silo.Probe.Count("shared", "activated"));
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task Different_keys_get_different_activations()
    {
        await using var silo = TestSilo.Create(_folder.Path);

        int a = await Wait.For(silo.Factory.GetGrain<ITurnGrain>("a").GetInstanceAsync(default));
        int b = await Wait.For(silo.Factory.GetGrain<ITurnGrain>("b").GetInstanceAsync(default));

        Assert.NotEqual(a, b);
        Assert.Equal(2, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task ValueTask_methods_are_served_too()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ITurnGrain grain = silo.Factory.GetGrain<ITurnGrain>("v");

        int viaValueTask = await grain.GetInstanceValueAsync(default).AsTask().WaitAsync(Wait.Timeout);

        Assert.Equal(await Wait.For(grain.GetInstanceAsync(default)), viaValueTask);
    }

    [Fact]
    public async Task A_failed_activation_fails_its_calls_and_the_next_call_tries_again()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        IFailingActivationGrain grain = silo.Factory.GetGrain<IFailingActivationGrain>("f");
        silo.Probe.FailActivations = true;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Wait.For(grain.GetInstanceAsync(default)));

        Assert.IsType<TestGrainException>(failure.InnerException);
        Assert.Contains("failingactivation/f", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, silo.Runtime.ActivationCount);

        silo.Probe.FailActivations = false;
        int instance = await Wait.For(grain.GetInstanceAsync(default));

        Assert.Equal(2, silo.Probe.Count("f", "activated"));
        Assert.Equal(silo.Probe.Events("f", "activated")[1].Instance, instance);
    }
}
