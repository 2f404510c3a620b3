using CameraCloud.Actors;
using CameraCloud.Agents;
using CameraCloud.Cameras;
using CameraCloud.Grains.Agents;
using CameraCloud.Grains.Cameras;
using CameraCloud.Silo.Runtime;
using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Sessions;
using CameraCloud.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CameraCloud.Silo.Tests.MultiRuntime;

/// <summary>
/// One node's grain runtime, wired as the silo wires it (AddGrainRuntime, AddGrain, camera and tunnel options)
/// but over a store the test hands in, so two of them can share one store as the nodes of a cluster do.
/// Each node has its own manual clock and its own activations: the same key can be active on both at once.
/// </summary>
internal sealed class SharedStoreNode : IAsyncDisposable
{
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);

    /// <summary>How often the camera index writes its pending additions.</summary>
    public static readonly TimeSpan CameraIndexWriteBehind = TimeSpan.FromSeconds(1);

    private readonly ServiceProvider _services;
    private int _shutDown;

    private SharedStoreNode(ServiceProvider services)
    {
        _services = services;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Time = (ManualTimeProvider)services.GetRequiredService<TimeProvider>();
    }

    public GrainRuntime Runtime { get; }

    public ManualTimeProvider Time { get; }

    public ICameraIndexGrain CameraIndex => Runtime.GetGrain<ICameraIndexGrain>(ICameraIndexGrain.DefaultKey);

    public ITunnelIndexGrain TunnelIndex => Runtime.GetGrain<ITunnelIndexGrain>(ITunnelIndexGrain.DefaultKey);

    /// <param name="storage">The store shared with the other nodes; the node never disposes it.</param>
    /// <param name="dataPath">Only to satisfy the storage options; records go to <paramref name="storage"/>.</param>
    /// <param name="portRange">The tunnel port range.</param>
    public static SharedStoreNode Create(IGrainStorage storage, string dataPath, string portRange = "20000-20999")
    {
        var values = CameraGrainFixture.Settings();
        values["Storage:DataPath"] = dataPath;
        values["Grains:IdleDeactivationAfter"] = IdleAfter.ToString();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        // Registered first: AddGrainRuntime only adds its own store when none is there.
        services.AddSingleton(storage);
        services.AddGrainRuntime(configuration);
        services.AddGrain<ICameraGrain, CameraGrain>();
        services.AddGrain<ICameraIndexGrain, CameraIndexGrain>();
        services.AddGrain<ITunnelGrain, TunnelGrain>();
        services.AddGrain<ITunnelIndexGrain, TunnelIndexGrain>();
        services.AddCameraGrainOptions(configuration);
        services.Configure<TunnelOptions>(o => o.PortRange = portRange);
        return new SharedStoreNode(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    public ICameraGrain Camera(string id) => Runtime.GetGrain<ICameraGrain>(id);

    public ITunnelGrain Agent(string id) => Runtime.GetGrain<ITunnelGrain>(id);

    /// <summary>
    /// Lets the camera index's write-behind tick run. The tick is a turn queued when the clock passes it, so a
    /// call made afterwards returns only once the flush has run; the tick re-arms right after its turn, which is
    /// awaited too, so that the next flush finds it armed. Needs no other timer of the node to arm meanwhile.
    /// </summary>
    public async Task FlushCameraIndexAsync()
    {
        var rearmed = Time.WaitForNextArmAsync();
        Time.Advance(CameraIndexWriteBehind);
        await Wait.For(CameraIndex.CountAsync(CancellationToken.None));
        await rearmed;
    }

    /// <summary>
    /// Lets the clock pass the idle time and sweeps: every activation of this node deactivates as an idle one
    /// does (OnDeactivateAsync writes what it has to). Also fires the timers due on the way.
    /// </summary>
    public async Task DeactivateIdleAsync()
    {
        Time.Advance(IdleAfter + TimeSpan.FromSeconds(1));
        await Wait.For(Runtime.SweepIdleAsync(CancellationToken.None));
    }

    /// <summary>Deactivates every grain, as a node stopping does.</summary>
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
