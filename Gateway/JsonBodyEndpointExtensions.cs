using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CameraCloud.Gateway;

public static class JsonBodyEndpointExtensions
{
    /// <summary>
    /// Documents a JSON body read by <see cref="JsonBodyReader"/> and the problems that reader answers with:
    /// 400 (not JSON, invalid), 413 (over the size cap) and 415 (not application/json).
    /// </summary>
    internal static RouteHandlerBuilder AcceptsJsonBody<TBody>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new JsonBodyMetadata(typeof(TBody)))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
