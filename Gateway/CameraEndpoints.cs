using CameraCloud.Actors;
using CameraCloud.Cameras;
using CameraCloud.Cluster;
using CameraCloud.Gateway.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway;

/// <summary>The camera registry: list, read, rename, delete.</summary>
internal static class CameraEndpoints
{
    public static void Map(RouteGroupBuilder cameras)
    {
        cameras.MapGet(string.Empty, ListAsync)
            .RequireAuthorization(Auth.ApiPolicies.Viewer)
            .WithName("ListCameras")
            .WithSummary("List cameras")
            .WithDescription("Known cameras in id order, one page at a time, with their registry record and live session.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        cameras.MapGet("/{id}", GetAsync)
            .RequireAuthorization(Auth.ApiPolicies.Viewer)
            .WithName("GetCamera")
            .WithSummary("Get one camera")
            .WithDescription("The camera's registry record and live session (viewers, counters).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        cameras.MapPatch("/{id}", RenameAsync)
            .RequireAuthorization(Auth.ApiPolicies.Operator)
            .WithName("UpdateCamera")
            .WithSummary("Rename a camera")
            .WithDescription("Sets the display name: 1 to 64 characters, no control characters. The body is JSON of at most 16 KB (configurable).")
            .AcceptsJsonBody<CameraPatchRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        cameras.MapDelete("/{id}", DeleteAsync)
            .RequireAuthorization(Auth.ApiPolicies.Operator)
            .WithName("DeleteCamera")
            .WithSummary("Forget a camera")
            .WithDescription("Removes the camera's record and drops its connection. A camera that connects again registers anew.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <param name="request">The list request; its credentials go with the reads from other nodes.</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="owners">In a cluster: reads the records of devices held by other nodes from those nodes.</param>
    /// <param name="offset">Index of the first camera to return (0 or more).</param>
    /// <param name="limit">Cameras per page, 1 to 1000.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<CameraListPage>, ProblemHttpResult>> ListAsync(
        HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] OwnerRecordReader? owners, [FromQuery] int offset = 0,
        [FromQuery] int limit = RegistryPage.DefaultLimit, CancellationToken cancellationToken = default)
    {
        if (RegistryPage.Validate(offset, limit) is { } invalid)
        {
            return invalid;
        }

        var index = grains.GetGrain<ICameraIndexGrain>(ICameraIndexGrain.DefaultKey);
        var ids = await index.ListAsync(offset, limit, cancellationToken);
        var total = await index.CountAsync(cancellationToken);
        var items = await RegistryPage.LoadAsync(ids, (id, token) => owners is null
            ? LoadLocalAsync(grains, id, token)
            : owners.ReadAsync(DeviceKey.Camera(id), $"{GatewayEndpointRouteBuilderExtensions.CamerasRoute}/{id}", request,
                local => LoadLocalAsync(grains, id, local), token), cancellationToken);
        return TypedResults.Ok(new CameraListPage(items, total, offset, limit));
    }

    private static async Task<CameraInfo?> LoadLocalAsync(IGrainFactory grains, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<ICameraGrain>(id).GetInfoAsync(cancellationToken);
        }
        catch (CameraNotFoundException)
        {
            // Deleted between the index read and this call: not an error for a list.
            return null;
        }
    }

    /// <param name="id">Camera id: 1 to 32 letters or digits, in any case.</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<CameraInfo>, ProblemHttpResult>> GetAsync(
        string id, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!CameraId.TryNormalize(id, out var normalized))
        {
            return ProblemResults.InvalidCameraId();
        }
        id = normalized;
        var info = await grains.GetGrain<ICameraGrain>(id).GetInfoAsync(cancellationToken);
        return info is null ? ProblemResults.CameraNotFound(id) : TypedResults.Ok(info);
    }

    /// <param name="id">Camera id: 1 to 32 letters or digits, in any case.</param>
    /// <param name="request">The HTTP request (its body is read with a size cap).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="options">Gateway options.</param>
    /// <param name="json">JSON options.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<CameraInfo>, ProblemHttpResult>> RenameAsync(
        string id, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] IOptions<GatewayOptions> options,
        [FromServices] IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        if (!CameraId.TryNormalize(id, out var normalized))
        {
            return ProblemResults.InvalidCameraId();
        }
        id = normalized;
        var (body, problem) = await JsonBodyReader.ReadAsync<CameraPatchRequest>(
            request, options.Value.MaxRequestBodyBytes, json.Value.SerializerOptions, describeError: null, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (CameraNameValidator.Validate(body?.Name) is { } error)
        {
            return ProblemResults.InvalidRequest(error);
        }
        var info = await grains.GetGrain<ICameraGrain>(id).RenameAsync(body!.Name!, cancellationToken);
        return info is null ? ProblemResults.CameraNotFound(id) : TypedResults.Ok(info);
    }

    /// <param name="id">Camera id: 1 to 32 letters or digits, in any case.</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!CameraId.TryNormalize(id, out var normalized))
        {
            return ProblemResults.InvalidCameraId();
        }
        id = normalized;
        var deleted = await grains.GetGrain<ICameraGrain>(id).DeleteAsync(cancellationToken);
        return deleted ? TypedResults.NoContent() : ProblemResults.CameraNotFound(id);
    }
}
