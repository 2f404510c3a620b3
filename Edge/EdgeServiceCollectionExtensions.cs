using CameraCloud.Edge.V720;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CameraCloud.Edge;

public static class EdgeServiceCollectionExtensions
{
    /// <summary>The V720 listeners (HTTP bootstrap, TCP control, UDP media, MQTT) and their readiness check.</summary>
    public static IServiceCollection AddV720Edge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<V720Options>()
            .Bind(configuration.GetSection(V720Options.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<V720Options>>().Value);
        services.AddSingleton<V720SessionRegistry>();
        services.AddSingleton<V720UdpServer>();
        services.AddSingleton<V720EdgeServer>();
        services.AddHostedService(sp => sp.GetRequiredService<V720EdgeServer>());
        services.AddHealthChecks().AddCheck<V720ListenersHealthCheck>("v720-listeners", tags: ["ready"]);
        return services;
    }
}
