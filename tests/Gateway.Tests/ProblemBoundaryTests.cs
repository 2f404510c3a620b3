using CameraCloud.Cameras;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class ProblemBoundaryTests : IDisposable
{
    private readonly ServiceProvider _services = TestServices.Create();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Camera_not_found_thrown_by_a_grain_becomes_a_404_problem()
    {
        var context = await RunAsync(_ => throw new CameraNotFoundException("cam1"));

        AssertProblem(context, StatusCodes.Status404NotFound, "Camera not found");
        Assert.Contains("cam1", TestHttp.ReadJsonBody(context).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Camera_offline_wrapped_by_the_runtime_becomes_a_503_problem()
    {
        var context = await RunAsync(_ => throw new AggregateException(
            new InvalidOperationException("grain call failed", new CameraOfflineException("cam2"))));

        AssertProblem(context, StatusCodes.Status503ServiceUnavailable, "Camera offline");
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_a_500_without_its_message_type_or_stack()
    {
        var context = await RunAsync(_ => throw new InvalidOperationException("secret: password=hunter2"));

        AssertProblem(context, StatusCodes.Status500InternalServerError, "Unexpected error");
        var body = TestHttp.ReadBodyText(context);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_binding_failure_thrown_in_development_becomes_a_400_problem()
    {
        var context = await RunAsync(_ => throw new BadHttpRequestException("Failed to bind parameter \"int limit\" from \"abc\"."));

        AssertProblem(context, StatusCodes.Status400BadRequest, "Invalid request");
    }

    [Fact]
    public async Task An_error_status_set_without_a_body_gets_a_problem_body()
    {
        var context = await RunAsync(c =>
        {
            c.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        });

        AssertProblem(context, StatusCodes.Status400BadRequest, "Invalid request");
    }

    [Fact]
    public async Task A_response_the_endpoint_wrote_is_left_alone()
    {
        var context = await RunAsync(async c =>
        {
            c.Response.StatusCode = StatusCodes.Status404NotFound;
            c.Response.ContentType = "text/plain";
            await c.Response.WriteAsync("mine", c.RequestAborted);
        });

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        Assert.Equal("mine", TestHttp.ReadBodyText(context));
    }

    [Fact]
    public async Task A_client_that_left_gets_nothing_written()
    {
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        var lifetime = new RecordingLifetimeFeature { RequestAborted = gone.Token };

        var context = await RunAsync(
            c => throw new OperationCanceledException(c.RequestAborted),
            c => c.Features.Set<IHttpRequestLifetimeFeature>(lifetime));

        Assert.Equal(string.Empty, TestHttp.ReadBodyText(context));
        Assert.False(lifetime.Aborted);
    }

    [Fact]
    public async Task A_failure_after_the_response_started_aborts_the_connection_instead_of_appending_a_problem()
    {
        var lifetime = new RecordingLifetimeFeature();

        var context = await RunAsync(
            _ => throw new InvalidOperationException("mid-stream"),
            c =>
            {
                c.Features.Set<IHttpResponseFeature>(new StartedResponseFeature());
                c.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
            });

        Assert.True(lifetime.Aborted);
        Assert.Equal(string.Empty, TestHttp.ReadBodyText(context));
    }

    private async Task<DefaultHttpContext> RunAsync(RequestDelegate inner, Action<DefaultHttpContext>? arrange = null)
    {
        var context = TestHttp.Context(_services);
        arrange?.Invoke(context);
        await ProblemBoundary.Wrap(inner, NullLogger.Instance)(context);
        return context;
    }

    private static void AssertProblem(HttpContext context, int status, string title)
    {
        Assert.Equal(status, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        var body = TestHttp.ReadJsonBody(context);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Equal(title, body.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
    }
}
