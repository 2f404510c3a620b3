using System.Security.Claims;
using CameraCloud.Actors;
using CameraCloud.Auth;
using CameraCloud.Cameras;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CameraCloud.Gateway.Auth;

/// <summary>
/// Viewing links of a camera: a token in the URL (<c>?token=</c>) that lets a VMS, a player or an <c>img</c> tag
/// watch that one camera (MJPEG, snapshot, audio) until it expires or is revoked. Operators make and revoke them.
/// </summary>
internal static class ShareEndpoints
{
    public const int DefaultMinutes = 24 * 60;
    public const int MaxMinutes = 365 * 24 * 60;

    public static void Map(RouteGroupBuilder cameras)
    {
        cameras.MapPost("/{id}/shares", CreateAsync)
            .RequireAuthorization(ApiPolicies.Operator)
            .WithName("CreateCameraShare")
            .WithSummary("Make a viewing link")
            .WithDescription("A token that lets whoever holds it watch this camera only (MJPEG, snapshot, audio; '?token=' in the URL) " +
                "until it expires (default a day, at most a year) or is revoked. The token and the ready URLs are in this answer only.")
            .AcceptsJsonBody<ShareCreateRequest>()
            .Produces<ShareCreated>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        cameras.MapGet("/{id}/shares", ListAsync)
            .RequireAuthorization(ApiPolicies.Operator)
            .WithName("ListCameraShares")
            .WithSummary("List a camera's viewing links")
            .WithDescription("The links that have not expired, without their tokens.");

        cameras.MapDelete("/{id}/shares/{shareId}", RevokeAsync)
            .RequireAuthorization(ApiPolicies.Operator)
            .WithName("RevokeCameraShare")
            .WithSummary("Revoke a viewing link")
            .WithDescription("The link stops working for new requests on every node within seconds; a stream it opened before goes on until it ends.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <param name="id">Camera id: 1 to 32 letters or digits, in any case.</param>
    /// <param name="request">The HTTP request (its body is read with a size cap; its host makes the URLs).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="options">Gateway options.</param>
    /// <param name="json">JSON options.</param>
    /// <param name="time">Clock.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Created<ShareCreated>, ProblemHttpResult>> CreateAsync(
        string id, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] IOptions<GatewayOptions> options,
        [FromServices] IOptions<HttpJsonOptions> json, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        if (!CameraId.TryNormalize(id, out var cameraId))
        {
            return ProblemResults.InvalidCameraId();
        }
        ShareCreateRequest? body = new(null);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            (body, var problem) = await JsonBodyReader.ReadAsync<ShareCreateRequest>(
                request, options.Value.MaxRequestBodyBytes, json.Value.SerializerOptions, describeError: null, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }
        var minutes = body!.Minutes ?? DefaultMinutes;
        if (minutes is < 1 or > MaxMinutes)
        {
            return ProblemResults.InvalidRequest($"'minutes' must be 1 to {MaxMinutes}.");
        }
        if (await grains.GetGrain<ICameraGrain>(cameraId).GetInfoAsync(cancellationToken) is null)
        {
            return ProblemResults.CameraNotFound(cameraId);
        }

        var (shareId, token, secretSha256) = ApiKeyText.Generate(ApiKeyText.SharePrefix);
        var now = time.GetUtcNow();
        var record = new ShareTokenRecord
        {
            Id = shareId, CameraId = cameraId, SecretSha256 = secretSha256, CreatedAt = now, ExpiresAt = now.AddMinutes(minutes),
            CreatedBy = request.HttpContext.User.FindFirstValue(ApiPolicies.KeyIdClaim) ?? "unknown",
        };
        try
        {
            await grains.GetGrain<IShareTokenRegistryGrain>(IShareTokenRegistryGrain.DefaultKey).AddAsync(record, cancellationToken);
        }
        catch (ApiKeyLimitException ex)
        {
            return ProblemResults.ApiKeyLimit(ex.Message);
        }
        var camera = $"{request.Scheme}://{request.Host}{GatewayEndpointRouteBuilderExtensions.CamerasRoute}/{cameraId}";
        var query = "?token=" + Uri.EscapeDataString(token);
        return TypedResults.Created($"{GatewayEndpointRouteBuilderExtensions.CamerasRoute}/{cameraId}/shares/{shareId}", new ShareCreated(
            shareId, cameraId, record.ExpiresAt, token, $"{camera}/mjpeg{query}", $"{camera}/snapshot{query}", $"{camera}/audio{query}"));
    }

    /// <param name="id">Camera id.</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<IReadOnlyList<ShareView>>, ProblemHttpResult>> ListAsync(
        string id, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!CameraId.TryNormalize(id, out var cameraId))
        {
            return ProblemResults.InvalidCameraId();
        }
        var tokens = await grains.GetGrain<IShareTokenRegistryGrain>(IShareTokenRegistryGrain.DefaultKey).ListAsync(cameraId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ShareView>>([.. tokens.Select(ShareView.Of)]);
    }

    /// <param name="id">Camera id.</param>
    /// <param name="shareId">The link's id (12 hex characters, the part after <c>cks_</c>).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, string shareId, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!CameraId.TryNormalize(id, out var cameraId))
        {
            return ProblemResults.InvalidCameraId();
        }
        if (shareId.Length != ApiKeyText.IdLength || shareId.AsSpan().ContainsAnyExcept("0123456789abcdef")
            || !await grains.GetGrain<IShareTokenRegistryGrain>(IShareTokenRegistryGrain.DefaultKey).RevokeAsync(cameraId, shareId, cancellationToken))
        {
            return ProblemResults.ShareNotFound(cameraId, shareId.Length > ApiKeyText.IdLength ? shareId[..ApiKeyText.IdLength] : shareId);
        }
        return TypedResults.NoContent();
    }
}
