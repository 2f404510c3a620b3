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
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        // Embedded is the only provider so far; any other Storage:Provider fails validation at start.
        services.TryAddSingleton<FileGrainStorage>();
        services.TryAddSingleton<IGrainStorage>(sp => sp.GetRequiredService<FileGrainStorage>());
        services.AddHostedService<FileGrainStorageStartup>();
        return services;
    }
}
