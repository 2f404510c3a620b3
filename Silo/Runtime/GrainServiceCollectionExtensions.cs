using CameraCloud.Actors;
using CameraCloud.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Runtime;

/// <summary>Wiring of the grain runtime for the composition root.</summary>
public static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// Registers the grain runtime (<see cref="GrainRuntime"/> and <see cref="IGrainFactory"/>), its options
    /// from section <c>Grains</c>, the hosted service that sweeps idle grains and deactivates all at stop,
    /// and the grain storage chosen by section <c>Storage</c>. Uses the registered <see cref="TimeProvider"/>,
    /// or <see cref="TimeProvider.System"/> when there is none.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GrainRuntimeOptions>()
            .Bind(configuration.GetSection(GrainRuntimeOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainRuntimeOptions>, GrainRuntimeOptionsValidator>());

        // Storage first: its start check runs before the runtime's hosted service starts.
        services.AddGrainStorage(configuration);
        services.TryAddSingleton(sp => new GrainRuntime(
            sp.GetServices<GrainRegistration>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetService<IServiceProviderIsService>(),
            sp.GetRequiredService<IGrainStorage>(),
            sp.GetRequiredService<IOptions<GrainRuntimeOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GrainRuntime>>()));
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddHostedService<GrainRuntimeHostedService>();
        return services;
    }

    /// <summary>Registers <typeparamref name="TGrain"/> as the class that serves <typeparamref name="TInterface"/>.</summary>
    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services)
        where TInterface : class, IGrainWithStringKey
        where TGrain : Grain, TInterface
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TGrain)));
        return services;
    }
}
