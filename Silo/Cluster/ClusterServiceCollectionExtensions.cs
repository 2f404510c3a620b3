using CameraCloud.Cluster;
using CameraCloud.Silo.Cluster.Redis;
using CameraCloud.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Cluster;

/// <summary>Wiring of the device directory and the membership for the composition root.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDeviceDirectory"/>, <see cref="IClusterMembership"/>, <see cref="LocalNode"/>, the
    /// <see cref="ClusterOptions"/> of section <c>Cluster</c> (validated at start) and the hosted services of
    /// heartbeats and lease renewals. The store follows <c>Storage:Provider</c>: <c>Embedded</c> gives the
    /// in-process directory and this node as the only member; <c>Redis</c> gives both in Redis, on the node's one
    /// Redis connection (shared with the grain storage). Register it before the edge, so that it stops after the
    /// edge has let its devices go.
    /// <para>
    /// The advertised address: <c>Cluster:AdvertiseAddress</c> when set. Otherwise it is derived from the URLs the
    /// server actually bound (<c>IServerAddressesFeature</c>, so <c>--urls http://0.0.0.0:0</c> gives the real
    /// port), read when the host has started (<see cref="Microsoft.Extensions.Hosting.IHostedLifecycleService.StartedAsync"/>,
    /// after Kestrel's start); a host without a server falls back to the configured <c>urls</c>. Until then
    /// <see cref="IClusterMembership.Self"/> throws; the directory needs only the node id, known at once.
    /// </para>
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Decided once per host (per process start in production), not per options instance.
        string defaultNodeId = ClusterOptions.NewNodeId(Environment.MachineName);
        services.AddOptions<ClusterOptions>()
            .Bind(configuration.GetSection(ClusterOptions.SectionName))
            .PostConfigure(options => options.ApplyDefaults(defaultNodeId))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalNode>();
        services.TryAddSingleton<AdvertiseAddressResolver>();
        services.AddStorageOptions(configuration);

        if (StorageOptions.IsRedis(configuration.GetSection(StorageOptions.SectionName)[nameof(StorageOptions.Provider)]))
        {
            // The connection's start is registered first, so it connects before these start.
            services.AddRedisConnection(configuration);
            services.TryAddSingleton<RedisDeviceDirectory>();
            services.TryAddSingleton<IDeviceDirectory>(sp => sp.GetRequiredService<RedisDeviceDirectory>());
            services.TryAddSingleton<RedisClusterMembership>();
            services.TryAddSingleton<IClusterMembership>(sp => sp.GetRequiredService<RedisClusterMembership>());
            services.AddHostedService<RedisMembershipService>();
            services.AddHostedService<RedisDirectoryService>();
        }
        else
        {
            services.TryAddSingleton<LocalDeviceDirectory>();
            services.TryAddSingleton<IDeviceDirectory>(sp => sp.GetRequiredService<LocalDeviceDirectory>());
            services.TryAddSingleton<SingleNodeMembership>();
            services.TryAddSingleton<IClusterMembership>(sp => sp.GetRequiredService<SingleNodeMembership>());
            services.AddHostedService<SingleNodeMembershipService>();
        }

        return services;
    }
}
