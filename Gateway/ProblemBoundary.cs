using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway;

/// <summary>
/// Wraps each gateway endpoint's request delegate (parameter binding included) so that every error leaves as
/// problem+json: camera exceptions from grains become 404/503, anything unexpected a bare 500 whose cause is
/// only logged, and an error status a framework part set without a body gets one. Endpoint filters run after
/// binding and ASP.NET's exception middleware is the host's choice, so neither alone gives this in every
/// environment (Development would show stack traces).
/// </summary>
internal static class ProblemBoundary
{
    public static void Apply(EndpointBuilder builder, ILogger logger)
    {
        if (builder.RequestDelegate is { } inner)
        {
            builder.RequestDelegate = Wrap(inner, logger);
        }
    }

    public static RequestDelegate Wrap(RequestDelegate inner, ILogger logger) =>
        context => InvokeAsync(inner, logger, context);

    private static async Task InvokeAsync(RequestDelegate inner, ILogger logger, HttpContext context)
    {
        try
        {
            await inner(context);
        }
        catch (Exception exception)
        {
            await HandleAsync(exception, logger, context);
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null or 0
            && string.IsNullOrEmpty(response.ContentType))
        {
            await ProblemResults.ForStatus(response.StatusCode).ExecuteAsync(context);
        }
    }

    private static async Task HandleAsync(Exception exception, ILogger logger, HttpContext context)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client left; nobody is there to read an answer.
            return;
        }
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? string.Empty;
        if (context.Response.HasStarted)
        {
            // Half a body was sent; a problem cannot follow it. Aborting tells the client the body is incomplete.
            logger.RequestFailedAfterResponseStarted(method, path, exception);
            context.Abort();
            return;
        }

        var problem = ProblemResults.FromException(exception);
        if (problem is null)
        {
            logger.RequestFailed(method, path, exception);
            problem = ProblemResults.Unexpected();
        }
        else
        {
            logger.RequestRefused(method, path, problem.StatusCode, problem.ProblemDetails.Title ?? string.Empty);
        }
        context.Response.Clear();
        await problem.ExecuteAsync(context);
    }
}
