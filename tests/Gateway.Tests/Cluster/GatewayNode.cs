using CameraCloud.Actors;
using CameraCloud.Agents;
using CameraCloud.Cluster;
using CameraCloud.Gateway.Cluster;
using CameraCloud.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>
/// A node's gateway composed as the silo composes it (forwarding after routing, the camera API, the cluster API,
/// the internal stream endpoint) on a real Kestrel port, with a directory, membership and grains that are plain
/// data the test sets.
/// </summary>
internal sealed class GatewayNode : IAsyncDisposable
{
    private readonly LoopbackApp _app;

    private GatewayNode(LoopbackApp app, InTestDirectory directory, InTestMembership membership, FakeGrainFactory grains)
    {
        _app = app;
        Directory = directory;
        Membership = membership;
        Grains = grains;
    }

    public InTestDirectory Directory { get; }

    public InTestMembership Membership { get; }

    public FakeGrainFactory Grains { get; }

    public Uri Address => _app.Address;

    public int Port => _app.Port;

    public RecordedLogs Logs => _app.Logs;

    /// <param name="nodeId">This node's id.</param>
    /// <param name="configure">Runs before the gateway's registrations, so what it registers wins over their defaults.</param>
    /// <param name="agents">The agent sessions this node holds; default: none.</param>
    /// <param name="internalKey">The cluster's shared secret.</param>
    public static async Task<GatewayNode> StartAsync(
        string nodeId, Action<IServiceCollection>? configure = null, IAgentStreamOpener? agents = null,
        string internalKey = InTestMembership.DefaultKey)
    {
        var directory = new InTestDirectory();
        var membership = new InTestMembership(nodeId, internalKey);
        var grains = new FakeGrainFactory();
        var app = await LoopbackApp.StartAsync(
            services =>
            {
                configure?.Invoke(services);
                services.AddSingleton<IDeviceDirectory>(directory);
                services.AddSingleton<IClusterMembership>(membership);
                services.AddSingleton<IGrainFactory>(grains);
                services.AddSingleton<IAgentStreamOpener>(agents ?? new ScriptedAgentStreams());
                services.AddCameraGateway();
                services.AddClusterForwarding();
            },
            app =>
            {
                app.UseOwnerForwarding();
                app.MapCameraGateway();
                app.MapClusterApi();
            },
            // The key every node of a test cluster accepts, as the silo's nodes get it from their configuration.
            [KeyValuePair.Create(TestApiKeys.BootstrapConfigKey, (string?)TestApiKeys.Admin)]);
        return new GatewayNode(app, directory, membership, grains);
    }

    /// <summary>Makes <paramref name="owner"/> a live node that holds <paramref name="device"/>.</summary>
    public void SetRemoteOwner(DeviceKey device, string nodeId, Uri owner)
    {
        Membership.AddLive(nodeId, owner);
        Directory.SetOwner(device, nodeId);
    }

    /// <summary>A client of this node that calls the API as the bootstrap admin (<see cref="TestApiKeys.Admin"/>).</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Address, Timeout = TestWait.Timeout };
        TestApiKeys.Authorize(client);
        return client;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
