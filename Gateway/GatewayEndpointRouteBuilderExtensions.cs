using CameraCloud.Cluster;
using CameraCloud.Gateway.Agents;
using CameraCloud.Gateway.Auth;
using CameraCloud.Gateway.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway;

public static class GatewayEndpointRouteBuilderExtensions
{
    public const string CamerasRoute = "/api/cameras";
    public const string CamerasTag = "Cameras";
    public const string AgentsRoute = "/api/agents";
    public const string AgentsTag = "Agents";
    public const string LiveRoute = "/health/live";
    public const string ReadyRoute = "/health/ready";
    public const string SwaggerUiRoute = "swagger";

    /// <summary>
    /// Maps the camera API under <c>/api/cameras</c>, the agent API under <c>/api/agents</c>, health at <c>/health/live</c> and <c>/health/ready</c>, the
    /// OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>.
    /// Call after <see cref="GatewayServiceCollectionExtensions.AddCameraGateway"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapCameraGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GatewayLog.Category);

        var cameras = endpoints.MapGroup(CamerasRoute)
            .WithTags(CamerasTag)
            .WithMetadata(new OwnerRouted(DeviceKind.Camera))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        // Finally runs after the request delegate is built, so the boundary also covers parameter binding.
        ((IEndpointConventionBuilder)cameras).Finally(builder => ProblemBoundary.Apply(builder, logger));
        CameraEndpoints.Map(cameras);
        CameraMediaEndpoints.Map(cameras);
        CameraCommandEndpoints.Map(cameras);
        ShareEndpoints.Map(cameras);

        var agents = endpoints.MapGroup(AgentsRoute)
            .WithTags(AgentsTag)
            .WithMetadata(new OwnerRouted(DeviceKind.Agent))
            .RequireAuthorization(ApiPolicies.Viewer)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        ((IEndpointConventionBuilder)agents).Finally(builder => ProblemBoundary.Apply(builder, logger));
        AgentEndpoints.Map(agents);
        AgentControlEndpoints.Map(agents);
        ApiKeyEndpoints.Map(endpoints);

        endpoints.MapHealthChecks(LiveRoute, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(GatewayHealthTags.Live),
        }).WithDisplayName("Health: live").AllowAnonymous();
        endpoints.MapHealthChecks(ReadyRoute, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(GatewayHealthTags.Ready),
        }).WithDisplayName("Health: ready").AllowAnonymous();

        // The API's description and its UI are public; every call they make needs a key ("Authorize").
        endpoints.MapSwagger().AllowAnonymous();
        endpoints.MapSwaggerUI(SwaggerUiRoute, options =>
        {
            options.SwaggerEndpoint(
                $"/swagger/{GatewayServiceCollectionExtensions.OpenApiDocumentName}/swagger.json", "CameraCloud API");
            options.DocumentTitle = "CameraCloud API";
        });
        return endpoints;
    }
}
