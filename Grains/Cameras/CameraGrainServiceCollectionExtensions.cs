using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CameraCloud.Grains.Cameras;

public static class CameraGrainServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="CameraSessionOptions"/>; the runtime registers the grain types.</summary>
    public static IServiceCollection AddCameraGrainOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CameraSessionOptions>()
            .Bind(configuration.GetSection(CameraSessionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
