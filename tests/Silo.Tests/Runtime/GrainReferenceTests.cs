using CameraCloud.Actors;
using CameraCloud.Silo.Runtime;
using CameraCloud.Silo.Tests.Runtime.Grains;
using CameraCloud.Silo.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CameraCloud.Silo.Tests.Runtime;

public sealed class GrainReferenceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task References_to_the_same_grain_are_equal()
    {
        await using var silo = TestSilo.Create(_folder.Path);

        ITurnGrain one = silo.Factory.GetGrain<ITurnGrain>("k");
        ITurnGrain two = silo.Factory.GetGrain<ITurnGrain>("k");
        ITurnGrain other = silo.Factory.GetGrain<ITurnGrain>("other");

        Assert.Equal(one, two);
        Assert.Equal(one.GetHashCode(), two.GetHashCode());
        Assert.NotEqual(one, other);
        Assert.Equal("ITurnGrain/k", one.ToString());
    }

    [Fact]
    public async Task A_contract_method_that_does_not_return_a_task_is_refused_when_the_reference_is_created()
    {
        await using var silo = TestSilo.Create(_folder.Path);

        var error = Assert.Throws<ArgumentException>(() => silo.Factory.GetGrain<IBadReturnGrain>("k"));

        Assert.Contains("IBadReturnGrain.CountNow returns Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_property_is_refused_when_the_reference_is_created()
    {
        await using var silo = TestSilo.Create(_folder.Path);

        var error = Assert.Throws<ArgumentException>(() => silo.Factory.GetGrain<IPropertyGrain>("k"));

        Assert.Contains("get_Count is a property", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_without_a_grain_class_is_refused_with_the_fix()
    {
        await using var silo = TestSilo.Create(_folder.Path);

        var error = Assert.Throws<InvalidOperationException>(() => silo.Factory.GetGrain<IUnregisteredGrain>("k"));

        Assert.Contains("AddGrain<IUnregisteredGrain, TGrain>()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grain_class_with_an_unmarked_state_parameter_is_refused_at_start()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGrainRuntime(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Storage:DataPath"] = _folder.Path }).Build());
        services.AddGrain<IUnregisteredGrain, UnmarkedStateGrain>();
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IGrainFactory>());

        Assert.Contains("parameter 'state' must be an IPersistentState<T> marked [PersistentState(\"name\")]", error.Message, StringComparison.Ordinal);
    }
}
