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
        IConfigurationSection section = configuration.GetSection(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>()
            .Bind(section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        // The provider is chosen here, once; a provider that is neither fails validation before anything starts.
        if (StorageOptions.IsRedis(section[nameof(StorageOptions.Provider)]))
        {
            services.TryAddSingleton<RedisGrainStorage>();
            services.TryAddSingleton<IGrainStorage>(sp => sp.GetRequiredService<RedisGrainStorage>());
            services.AddHostedService<RedisGrainStorageStartup>();
        }
        else
        {
            services.TryAddSingleton<FileGrainStorage>();
            services.TryAddSingleton<IGrainStorage>(sp => sp.GetRequiredService<FileGrainStorage>());
            services.AddHostedService<FileGrainStorageStartup>();
        }

        return services;
    }
}
