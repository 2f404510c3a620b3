using CameraCloud.Agents;
using CameraCloud.Auth;
using CameraCloud.Cameras;
using CameraCloud.Cluster;
using CameraCloud.Edge;
using CameraCloud.Edge.Agents;
using CameraCloud.Gateway;
using CameraCloud.Gateway.Cluster;
using CameraCloud.Grains.Agents;
using CameraCloud.Grains.Auth;
using CameraCloud.Grains.Cameras;
using CameraCloud.Silo.Auth;
using CameraCloud.Silo.Cluster;
using CameraCloud.Silo.Migrations;
using CameraCloud.Silo.Runtime;

namespace CameraCloud.Silo;

/// <summary>
/// The composition root of one node: grain runtime and storage, the V720 edge, the gateway. Program.cs
/// runs it; host tests start it in-process with their own arguments.
/// </summary>
public static class SiloApplication
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Registration order is stop order reversed: the runtime stops last, after the edge has let
        // every camera go, so the grains' final state writes see every disconnect.
        builder.Services.AddGrainRuntime(builder.Configuration);
        builder.Services.AddGrain<ICameraGrain, CameraGrain>();
        builder.Services.AddGrain<ICameraIndexGrain, CameraIndexGrain>();
        builder.Services.AddGrain<ITunnelGrain, TunnelGrain>();
        builder.Services.AddGrain<ITunnelIndexGrain, TunnelIndexGrain>();
        builder.Services.AddGrain<IApiKeyRegistryGrain, ApiKeyRegistryGrain>();
        builder.Services.AddGrain<IShareTokenRegistryGrain, ShareTokenRegistryGrain>();
        builder.Services.AddCameraGrainOptions(builder.Configuration);
        // After the storage's start check, before anything that calls a grain: records move to their ids' one spelling.
        builder.Services.AddHostedService<CameraIdSpellingMigration>();
        builder.Services.AddHostedService<AdminKeyBootstrap>();
        // After the runtime and before the edge: leases are released while the edge lets devices go, and the
        // node leaves the membership only after that.
        builder.Services.AddCluster(builder.Configuration);
        var roles = ClusterOptions.ReadRoles(builder.Configuration);
        var edge = roles.Contains(ClusterRoles.Edge);
        if (edge)
        {
            builder.Services.AddV720Edge(builder.Configuration);
        }
        // Also binds and validates the "Tunnel" section the tunnel grains and the gateway's agent ports read, and
        // registers the agent sessions this node holds (none without the edge role; the ports still need it).
        builder.Services.AddAgentEdge(builder.Configuration);
        builder.Services.AddCameraGateway();
        builder.Services.AddClusterForwarding();
        if (roles.Contains(ClusterRoles.Gateway))
        {
            builder.Services.AddAgentGateway();
        }
        configure?.Invoke(builder);

        var app = builder.Build();
        // Agents connect on the gateway's own port. The tunnel pings itself, so no WebSocket keep-alive frames.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        // Routing first, so the forwarding step sees which device a request is for.
        app.UseOwnerForwarding();
        if (edge)
        {
            app.MapAgentEndpoint();
        }
        app.MapCameraGateway();
        app.MapClusterApi();
        app.Lifetime.ApplicationStarted.Register(() => SiloLog.GatewayListening(app.Logger, string.Join(", ", app.Urls)));
        return app;
    }
}
