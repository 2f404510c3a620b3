using CameraCloud.Actors;
using CameraCloud.Silo.Runtime;
using CameraCloud.Silo.Tests.Runtime.Grains;
using CameraCloud.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CameraCloud.Silo.Tests.Runtime;

/// <summary>
/// The grain runtime as the composition root wires it (AddGrainRuntime + AddGrain), over a data folder,
/// with a manual clock and the test grains. Not started as a host: tests sweep and stop it themselves.
/// </summary>
internal sealed class TestSilo : IAsyncDisposable
{
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);

    private readonly ServiceProvider _services;

    private TestSilo(ServiceProvider services)
    {
        _services = services;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Time = (ManualTimeProvider)services.GetRequiredService<TimeProvider>();
        Probe = services.GetRequiredService<GrainProbe>();
    }

    public GrainRuntime Runtime { get; }

    public IGrainFactory Factory => Runtime;

    public ManualTimeProvider Time { get; }

    public GrainProbe Probe { get; }

    public IServiceProvider Services => _services;

    public static TestSilo Create(string dataPath, Dictionary<string, string?>? settings = null, GrainProbe? probe = null)
    {
        var services = new ServiceCollection();
        AddTestGrains(services, dataPath, settings, probe);
        return new TestSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    /// <summary>What both this and the host tests register.</summary>
    public static void AddTestGrains(IServiceCollection services, string dataPath, Dictionary<string, string?>? settings, GrainProbe? probe)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = dataPath,
            ["Grains:IdleDeactivationAfter"] = IdleAfter.ToString(),
        };
        foreach ((string key, string? value) in settings ?? [])
        {
            values[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        services.AddSingleton(probe ?? new GrainProbe());
        services.AddGrainRuntime(configuration);
        services.AddGrain<ITurnGrain, TurnGrain>();
        services.AddGrain<ICounterGrain, CounterGrain>();
        services.AddGrain<IProfileGrain, ProfileGrain>();
        services.AddGrain<ISlowDeactivationGrain, SlowDeactivationGrain>();
        services.AddGrain<IFailingActivationGrain, FailingActivationGrain>();
        services.AddGrain<IThrowingDeactivationGrain, ThrowingDeactivationGrain>();
    }

    public Task SweepAsync() => Wait.For(Runtime.SweepIdleAsync(CancellationToken.None));

    public async Task ShutdownAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        await Runtime.ShutdownAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        // Lets a test that blocked a deactivation still shut down.
        Probe.DeactivationGate.TrySetResult();
        await ShutdownAsync();
        await _services.DisposeAsync();
    }
}
