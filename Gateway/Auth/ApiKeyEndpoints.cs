using System.Security.Claims;
using CameraCloud.Actors;
using CameraCloud.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CameraCloud.Gateway.Auth;

/// <summary>API keys: create (the key is shown once), list (never the key), revoke. Admin only.</summary>
internal static class ApiKeyEndpoints
{
    public const string Route = "/api/keys";
    public const string Tag = "API keys";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup(Route).WithTags(Tag).RequireAuthorization(ApiPolicies.Admin);

        keys.MapPost(string.Empty, CreateAsync)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key")
            .WithDescription("Makes a key with a role (viewer: read and watch; operator: also change cameras and agents; admin: also keys). " +
                "The key is in this answer only: the server keeps its SHA-256. Send it as 'Authorization: Bearer <key>'.")
            .AcceptsJsonBody<ApiKeyCreateRequest>()
            .Produces<ApiKeyCreated>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        keys.MapGet(string.Empty, ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("List API keys")
            .WithDescription("Every stored key with its id, name, role and creation; never the key. The configured bootstrap key is not listed.");

        keys.MapDelete("/{id}", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Removes the key; every node refuses it within seconds.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <param name="request">The HTTP request (its body is read with a size cap).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="options">Gateway options.</param>
    /// <param name="json">JSON options.</param>
    /// <param name="time">Clock.</param>
    /// <param name="loggers">Logger factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Created<ApiKeyCreated>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] IOptions<GatewayOptions> options,
        [FromServices] IOptions<HttpJsonOptions> json, [FromServices] TimeProvider time, [FromServices] ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBodyReader.ReadAsync<ApiKeyCreateRequest>(
            request, options.Value.MaxRequestBodyBytes, json.Value.SerializerOptions, DescribeJsonError, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (CameraNameValidator.Validate(body!.Name) is { } error)
        {
            return ProblemResults.InvalidRequest(error);
        }
        if (body.Role is not { } role || !Enum.IsDefined(role))
        {
            return ProblemResults.InvalidRequest("'role' is required: viewer, operator or admin.");
        }

        var (id, key, secretSha256) = ApiKeyText.Generate();
        var createdBy = KeyIdOf(request.HttpContext.User);
        var record = new ApiKeyRecord
        {
            Id = id, Name = body.Name!, Role = role, SecretSha256 = secretSha256, CreatedAt = time.GetUtcNow(), CreatedBy = createdBy,
        };
        try
        {
            await grains.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.DefaultKey).AddAsync(record, cancellationToken);
        }
        catch (ApiKeyLimitException ex)
        {
            return ProblemResults.ApiKeyLimit(ex.Message);
        }
        GatewayLog.ApiKeyCreated(loggers.CreateLogger(GatewayLog.Category), id, RoleName(role), record.Name, createdBy);
        return TypedResults.Created($"{Route}/{id}", new ApiKeyCreated(id, record.Name, role, record.CreatedAt, key));
    }

    /// <param name="grains">Grain factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListAsync([FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var keys = await grains.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.DefaultKey).ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApiKeyView>>([.. keys.Select(ApiKeyView.Of)]);
    }

    /// <param name="id">The key's id (12 hex characters, the part after <c>cck_</c>).</param>
    /// <param name="user">The caller.</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="loggers">Logger factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, ClaimsPrincipal user, [FromServices] IGrainFactory grains, [FromServices] ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (id.Length != ApiKeyText.IdLength || id.AsSpan().ContainsAnyExcept("0123456789abcdef"))
        {
            return ProblemResults.InvalidRequest($"An API key id is {ApiKeyText.IdLength} lower-case hex characters.");
        }
        if (!await grains.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.DefaultKey).RevokeAsync(id, cancellationToken))
        {
            return ProblemResults.ApiKeyNotFound(id);
        }
        GatewayLog.ApiKeyRevoked(loggers.CreateLogger(GatewayLog.Category), id, KeyIdOf(user));
        return TypedResults.NoContent();
    }

    private static string KeyIdOf(ClaimsPrincipal user) => user.FindFirstValue(ApiPolicies.KeyIdClaim) ?? "unknown";

    private static string RoleName(ApiRole role) => role.ToString().ToLowerInvariant();

    private static string? DescribeJsonError(string? path) =>
        path == "$.role" ? "'role' must be one of: viewer, operator, admin." : null;
}
