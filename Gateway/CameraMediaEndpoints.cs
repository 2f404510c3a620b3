using CameraCloud.Actors;
using CameraCloud.Cameras;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway;

/// <summary>Live media over plain HTTP: MJPEG, JPEG snapshots, WAV audio.</summary>
/// <remarks>
/// A stream subscribes before it writes anything, so an unknown or offline camera still gets a 404/503
/// problem; once the 200 is out, the only way to signal an error is to end the body.
/// </remarks>
internal static class CameraMediaEndpoints
{
    private const string VideoMedia = "mjpeg";
    private const string AudioMedia = "audio";

    public static void Map(RouteGroupBuilder cameras)
    {
        cameras.MapGet("/{id}/mjpeg", StreamMjpegAsync)
            .RequireAuthorization(Auth.ApiPolicies.Watch)
            .WithName("StreamCameraMjpeg")
            .WithSummary("Live video as MJPEG")
            .WithDescription(
                "multipart/x-mixed-replace stream of JPEG frames (about 10 per second), each part with Content-Type and " +
                "Content-Length. The first viewer starts the camera's stream. A viewer that reads too slowly loses old " +
                "frames, never delays the camera or other viewers. Open it in an <img> tag or with ffplay/VLC.")
            .Produces<Stream>(StatusCodes.Status200OK, "multipart/x-mixed-replace")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        cameras.MapGet("/{id}/snapshot", GetSnapshotAsync)
            .RequireAuthorization(Auth.ApiPolicies.Watch)
            .WithName("GetCameraSnapshot")
            .WithSummary("Current picture as JPEG")
            .WithDescription(
                "The newest frame if it is recent (1 s by default); otherwise starts the stream and waits for the first " +
                "frame (5 s by default, 504 after that). The camera protocol has no snapshot command of its own.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

        cameras.MapGet("/{id}/audio", StreamAudioAsync)
            .RequireAuthorization(Auth.ApiPolicies.Watch)
            .WithName("StreamCameraAudio")
            .WithSummary("Live audio as WAV")
            .WithDescription(
                "Open-ended WAV stream: signed 16-bit PCM, 8000 Hz, mono. Both size fields of the header are 0xFFFFFFFF " +
                "(unknown): play until the connection closes. A-law audio from the camera is expanded to PCM.")
            .Produces<Stream>(StatusCodes.Status200OK, WavStreamWriter.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <param name="id">Camera id: 1 to 32 letters or digits, in any case.</param>
    /// <param name="context">The HTTP exchange the stream is written to.</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="lifetime">Ends streams when the host stops.</param>
    /// <param name="loggers">Logger factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> StreamMjpegAsync(
        string id, HttpContext context, [FromServices] IGrainFactory grains, [FromServices] IHostApplicationLifetime lifetime,
        [FromServices] ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!CameraId.TryNormalize(id, out var normalized))
        {
            return ProblemResults.InvalidCameraId();
        }
        id = normalized;
        await using var subscription = await grains.GetGrain<ICameraGrain>(id).WatchVideoAsync(cancellationToken);
        using var viewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var logger = loggers.CreateLogger(GatewayLog.Category);
        var mjpeg = MjpegStreamWriter.WithRandomBoundary();
        var body = context.Response.BodyWriter;

        await LiveResponse.StartAsync(context, mjpeg.ContentType, viewing.Token);
        logger.ViewerJoined(id, VideoMedia, subscription.SubscriptionId);
        var result = await SubscriptionPump.RunAsync(
            subscription.Reader, (frame, token) => mjpeg.WritePartAsync(body, frame.Data, token), viewing.Token);
        if (result.End is PumpEnd.SourceCompleted or PumpEnd.SourceFailed)
        {
            mjpeg.WriteEnd(body);
            await FlushQuietlyAsync(body, viewing.Token);
        }
        LogViewerLeft(logger, id, VideoMedia, subscription, result);
        return TypedResults.Empty;
    }

    /// <param name="id">Camera id: 1 to 32 letters or digits, in any case.</param>
    /// <param name="response">The HTTP response (marked not cacheable).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="options">Gateway options.</param>
    /// <param name="time">Clock for the wait.</param>
    /// <param name="loggers">Logger factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetSnapshotAsync(
        string id, HttpResponse response, [FromServices] IGrainFactory grains, [FromServices] IOptions<GatewayOptions> options,
        [FromServices] TimeProvider time, [FromServices] ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // Also on errors: a cached 504 would hide a camera that has come back.
        response.Headers.CacheControl = "no-store";
        if (!CameraId.TryNormalize(id, out var normalized))
        {
            return ProblemResults.InvalidCameraId();
        }
        id = normalized;
        var settings = options.Value;
        var camera = grains.GetGrain<ICameraGrain>(id);
        var frame = await camera.GetLatestFrameAsync(settings.SnapshotMaxAge, cancellationToken);
        if (frame is null)
        {
            await using var subscription = await camera.WatchVideoAsync(cancellationToken);
            (frame, var timedOut) = await FirstItemWaiter.WaitAsync(subscription.Reader, settings.SnapshotTimeout, time, cancellationToken);
            if (timedOut)
            {
                loggers.CreateLogger(GatewayLog.Category).SnapshotTimedOut(id, settings.SnapshotTimeout);
                return ProblemResults.SnapshotTimedOut(id, settings.SnapshotTimeout);
            }
            if (frame is null)
            {
                return ProblemResults.StreamEndedBeforeFrame(id);
            }
        }
        return TypedResults.Bytes(frame.Data, "image/jpeg");
    }

    /// <param name="id">Camera id: 1 to 32 letters or digits, in any case.</param>
    /// <param name="context">The HTTP exchange the stream is written to.</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="lifetime">Ends streams when the host stops.</param>
    /// <param name="loggers">Logger factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> StreamAudioAsync(
        string id, HttpContext context, [FromServices] IGrainFactory grains, [FromServices] IHostApplicationLifetime lifetime,
        [FromServices] ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!CameraId.TryNormalize(id, out var normalized))
        {
            return ProblemResults.InvalidCameraId();
        }
        id = normalized;
        await using var subscription = await grains.GetGrain<ICameraGrain>(id).ListenAudioAsync(cancellationToken);
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var logger = loggers.CreateLogger(GatewayLog.Category);
        var body = context.Response.BodyWriter;

        await LiveResponse.StartAsync(context, WavStreamWriter.ContentType, listening.Token);
        WavStreamWriter.WriteHeader(body);
        logger.ViewerJoined(id, AudioMedia, subscription.SubscriptionId);
        var result = await SubscriptionPump.RunAsync(subscription.Reader, async (chunk, token) =>
        {
            WavStreamWriter.WriteChunk(body, chunk);
            var flushed = await body.FlushAsync(token);
            return !flushed.IsCompleted && !flushed.IsCanceled;
        }, listening.Token);
        LogViewerLeft(logger, id, AudioMedia, subscription, result);
        return TypedResults.Empty;
    }

    private static void LogViewerLeft<T>(ILogger logger, string id, string media, IMediaSubscription<T> subscription, PumpResult result)
    {
        if (result.SourceError is { } error)
        {
            logger.MediaSourceFailed(id, media, error);
        }
        logger.ViewerLeft(id, media, subscription.SubscriptionId, result.End, result.Items, subscription.Dropped);
    }

    private static async Task FlushQuietlyAsync(System.IO.Pipelines.PipeWriter body, CancellationToken cancellationToken)
    {
        try
        {
            await body.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The viewer left while the closing delimiter was on its way; nothing is lost.
        }
    }
}
