using CameraCloud.Actors;
using CameraCloud.Agents;
using CameraCloud.Grains.Agents;
using CameraCloud.Silo.Runtime;
using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>The grain runtime with the tunnel grains over a data folder, a manual clock and a port range of the test's choosing.</summary>
internal sealed class TunnelTestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TunnelTestSilo(ServiceProvider services)
    {
        _services = services;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Storage = services.GetRequiredService<IGrainStorage>();
        Time = (ManualTimeProvider)services.GetRequiredService<TimeProvider>();
    }

    public GrainRuntime Runtime { get; }

    public IGrainFactory Factory => Runtime;

    public IGrainStorage Storage { get; }

    public ManualTimeProvider Time { get; }

    public ITunnelIndexGrain Index => Factory.GetGrain<ITunnelIndexGrain>(ITunnelIndexGrain.DefaultKey);

    public ITunnelGrain Agent(string id) => Factory.GetGrain<ITunnelGrain>(id);

    public static TunnelTestSilo Create(string dataPath, string portRange = "20000-20999")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = dataPath,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        services.AddGrainRuntime(configuration);
        services.AddGrain<ITunnelGrain, TunnelGrain>();
        services.AddGrain<ITunnelIndexGrain, TunnelIndexGrain>();
        services.Configure<TunnelOptions>(o => o.PortRange = portRange);
        return new TunnelTestSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        await Runtime.ShutdownAsync(timeout.Token);
        await _services.DisposeAsync();
    }
}
