using CameraCloud.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway.Cluster;

public static class ClusterGatewayExtensions
{
    /// <summary>
    /// Registers forwarding to device owners and the agent ports' cross-node streams. Needs the host's
    /// <see cref="IDeviceDirectory"/> and <see cref="IClusterMembership"/>; the waits are read from
    /// <see cref="ForwardingOptions.SectionName"/> and checked at start.
    /// </summary>
    public static IServiceCollection AddClusterForwarding(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ForwardingOptions>().BindConfiguration(ForwardingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ForwardingOptions>, ForwardingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DeviceLocator>();
        services.TryAddSingleton<NodeRequestForwarder>();
        services.TryAddSingleton<RemoteAgentStreamConnector>();
        services.TryAddSingleton<ClusterAgentStreamOpener>();
        services.TryAddSingleton<OwnerRecordReader>();
        return services;
    }

    /// <summary>
    /// Adds routing and then the forwarding of owner-routed requests; call before mapping endpoints (and after
    /// <see cref="AddClusterForwarding"/>). Also maps the node-to-node stream endpoint.
    /// </summary>
    public static WebApplication UseOwnerForwarding(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        // Refused here, not by the owner: a request without a usable key never crosses to another node.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<OwnerForwardingMiddleware>();
        app.MapInternalStreams();
        return app;
    }
}
