using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CameraCloud.Gateway;

/// <summary>Starts a response that carries live media: unbuffered, never cached, kept open.</summary>
internal static class LiveResponse
{
    public static async Task StartAsync(HttpContext context, string contentType, CancellationToken cancellationToken)
    {
        // Each part must reach the viewer when it is written, not when some buffer fills.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
        // Reverse proxies such as nginx buffer responses unless told not to; a live stream would stall there.
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(cancellationToken);
        // Send the headers now: a viewer learns at once that the stream is open, even before the
        // camera's first frame (which may take seconds while the camera starts).
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
