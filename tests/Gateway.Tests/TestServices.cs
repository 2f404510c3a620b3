using CameraCloud.Actors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CameraCloud.Gateway.Tests;

/// <summary>The gateway's real service registration, as a host would build it.</summary>
internal static class TestServices
{
    public static ServiceProvider Create(IGrainFactory? grains = null, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build());
        services.AddLogging();
        if (grains is not null)
        {
            services.AddSingleton(grains);
        }
        services.AddCameraGateway();
        return services.BuildServiceProvider();
    }
}
