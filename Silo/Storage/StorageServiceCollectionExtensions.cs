using CameraCloud.Silo.Storage.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Storage;

/// <summary>Registers the grain state store chosen by the <c>Storage</c> configuration section.</summary>
internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddGrainStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStorageOptions(configuration);

        // The provider is chosen here, once; a provider that is neither fails validation before anything starts.
        if (StorageOptions.IsRedis(configuration.GetSection(StorageOptions.SectionName)[nameof(StorageOptions.Provider)]))
        {
            services.AddRedisConnection(configuration);
            services.TryAddSingleton<RedisGrainStorage>();
            services.TryAddSingleton<IGrainStorage>(sp => sp.GetRequiredService<RedisGrainStorage>());
        }
        else
        {
            services.TryAddSingleton<FileGrainStorage>();
            services.TryAddSingleton<IGrainStorage>(sp => sp.GetRequiredService<FileGrainStorage>());
            services.AddHostedService<FileGrainStorageStartup>();
        }

        return services;
    }

    /// <summary>
    /// The node's one <see cref="RedisConnection"/> (<c>Storage:Redis</c>) and the hosted service that connects
    /// it at start. Every user of Redis calls this; only the first call registers, so the connection's start
    /// comes before the start of whoever registered first.
    /// </summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStorageOptions(configuration);
        if (services.Any(d => d.ServiceType == typeof(RedisConnection)))
        {
            return services;
        }

        services.AddSingleton<RedisConnection>();
        services.AddHostedService<RedisConnectionStartup>();
        return services;
    }

    /// <summary>Binds and validates the <c>Storage</c> section once, however many features read it.</summary>
    public static IServiceCollection AddStorageOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<StorageOptions>) && d.ImplementationType == typeof(StorageOptionsValidator)))
        {
            return services;
        }

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        return services;
    }
}
