using CameraCloud.Agents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CameraCloud.Edge.Agents;

public static class AgentEdgeServiceCollectionExtensions
{
    /// <summary>
    /// The agent edge: <see cref="TunnelOptions"/> from section "Tunnel" (validated at start; the grains and the
    /// gateway read the same), the login rate limiter, the session registry (also the <see cref="IAgentStreamOpener"/>
    /// the gateway's ports use) and the session host, which sends GOAWAY SHUTDOWN to every agent when the node stops.
    /// </summary>
    public static IServiceCollection AddAgentEdge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TunnelOptions>()
            .Bind(configuration.GetSection(TunnelOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TunnelOptions>, TunnelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AgentAuthRateLimiter>();
        services.AddSingleton<AgentSessionRegistry>();
        services.AddSingleton<IAgentStreamOpener>(sp => sp.GetRequiredService<AgentSessionRegistry>());
        services.AddSingleton<AgentSessionHost>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentSessionHost>());
        return services;
    }
}
