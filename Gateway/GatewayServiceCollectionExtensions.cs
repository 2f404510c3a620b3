using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CameraCloud.Agents;
using CameraCloud.Cameras;
using CameraCloud.Gateway.Agents;
using CameraCloud.Gateway.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CameraCloud.Gateway;

public static class GatewayServiceCollectionExtensions
{
    public const string OpenApiDocumentName = "v1";
    public const string LiveCheckName = "process";

    /// <summary>
    /// Registers what the gateway's endpoints need: options ("Gateway" section, validated at start), problem
    /// details, JSON enums as camelCase strings, the OpenAPI generator and a "live" health check. The host
    /// registers <c>IGrainFactory</c> and its own "ready" checks.
    /// </summary>
    public static IServiceCollection AddCameraGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton<LoginFailureLimiter>();
        services.TryAddSingleton<ApiKeyFailureLog>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorization(ApiPolicies.Add);

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            if (!options.SerializerOptions.Converters.OfType<JsonStringEnumConverter>().Any())
            {
                options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            }
        });

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(ConfigureOpenApi);

        services.AddHealthChecks()
            .AddCheck(LiveCheckName, () => HealthCheckResult.Healthy("The process is running."), tags: [GatewayHealthTags.Live]);
        return services;
    }

    /// <summary>
    /// Registers the gateway's per-target agent ports (<see cref="TunnelPortListeners"/>) as a hosted service. Needs
    /// <c>IGrainFactory</c>, <c>IAgentStreamOpener</c> (the agent edge) and <c>TunnelOptions</c>; register it after
    /// the grain runtime, so the ports close before the runtime stops.
    /// </summary>
    public static IServiceCollection AddAgentGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        // In a cluster the ports reach agents held by other nodes too (see ClusterAgentStreamOpener).
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TunnelPortListeners>(sp,
            sp.GetService<Cluster.ClusterAgentStreamOpener>() ?? sp.GetRequiredService<IAgentStreamOpener>()));
        services.AddHostedService(sp => sp.GetRequiredService<TunnelPortListeners>());
        return services;
    }

    private static void ConfigureOpenApi(SwaggerGenOptions options)
    {
        options.SwaggerDoc(OpenApiDocumentName, new OpenApiInfo
        {
            Title = "CameraCloud API",
            Version = OpenApiDocumentName,
            Description = "Cameras registered with this service: registry, live MJPEG and audio, snapshots and settings; " +
                "CameraCloud Agents: provisioning, status, control, and the gateway ports that tunnel to their cameras. " +
                "Errors are RFC 9457 problem details (application/problem+json).",
        });
        options.SupportNonNullableReferenceTypes();
        options.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (cck_…, or the configured bootstrap admin key): 'Authorization: Bearer <key>'.",
        });
        options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
        });
        options.OperationFilter<JsonBodyOperationFilter>();
        IncludeXmlCommentsOf(options, typeof(GatewayServiceCollectionExtensions).Assembly);
        IncludeXmlCommentsOf(options, typeof(CameraInfo).Assembly);
    }

    private static void IncludeXmlCommentsOf(SwaggerGenOptions options, Assembly assembly)
    {
        // Descriptions only; a deployment without the .xml files still serves a complete document.
        var location = assembly.Location;
        if (location.Length > 0 && File.Exists(Path.ChangeExtension(location, ".xml")))
        {
            options.IncludeXmlComments(assembly);
        }
    }
}
