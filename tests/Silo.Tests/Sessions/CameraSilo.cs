using CameraCloud.Actors;
using CameraCloud.Cameras;
using CameraCloud.Grains.Cameras;
using CameraCloud.Silo.Runtime;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>
/// The grain runtime with the camera grains, wired as the silo wires them (AddGrainRuntime, AddGrain,
/// AddCameraGrainOptions) over a data folder, on a manual clock. Not started as a host: nothing sweeps.
/// </summary>
internal sealed class CameraSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private int _shutDown;

    private CameraSilo(ServiceProvider services)
    {
        _services = services;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Time = (ManualTimeProvider)services.GetRequiredService<TimeProvider>();
    }

    public GrainRuntime Runtime { get; }

    public IGrainFactory Factory => Runtime;

    public ManualTimeProvider Time { get; }

    public static CameraSilo Create(string dataPath, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Storage:DataPath"] = dataPath };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        services.AddGrainRuntime(configuration);
        services.AddGrain<ICameraGrain, CameraGrain>();
        services.AddGrain<ICameraIndexGrain, CameraIndexGrain>();
        services.AddGrain<CameraCloud.Auth.IShareTokenRegistryGrain, CameraCloud.Grains.Auth.ShareTokenRegistryGrain>();
        services.AddCameraGrainOptions(configuration);
        return new CameraSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    public ICameraGrain Camera(string id) => Factory.GetGrain<ICameraGrain>(id);

    public ICameraIndexGrain Index => Factory.GetGrain<ICameraIndexGrain>(ICameraIndexGrain.DefaultKey);

    /// <summary>Deactivates every grain (state is written), as a node stopping does.</summary>
    public async Task ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _shutDown, 1) != 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(Wait.Timeout);
        await Runtime.ShutdownAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync();
        await _services.DisposeAsync();
    }
}
