using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CameraCloud.Gateway.Tests;

public sealed class JsonBodyReaderTests : IDisposable
{
    private const int MaxBytes = 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ServiceProvider _services = TestServices.Create();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Reads_a_valid_body()
    {
        var (value, problem) = await ReadAsync(TestHttp.WithJsonBody(_services, """{"name":"Hall"}"""));

        Assert.Null(problem);
        Assert.Equal(new CameraPatchRequest("Hall"), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Refuses_a_body_that_is_not_declared_as_JSON_with_415(string? contentType)
    {
        var (_, problem) = await ReadAsync(TestHttp.WithJsonBody(_services, """{"name":"Hall"}""", contentType));

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, problem?.StatusCode);
    }

    [Fact]
    public async Task Refuses_a_declared_length_over_the_cap_before_reading()
    {
        var context = TestHttp.WithJsonBody(_services, "{}");
        context.Request.ContentLength = MaxBytes + 1;

        var (_, problem) = await ReadAsync(context);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem?.StatusCode);
        Assert.Equal(0, context.Request.Body.Position);
    }

    [Fact]
    public async Task Refuses_a_chunked_body_that_grows_over_the_cap()
    {
        var json = $$"""{"name":"{{new string('x', MaxBytes)}}"}""";

        var (_, problem) = await ReadAsync(TestHttp.WithJsonBody(_services, json, sendLength: false));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem?.StatusCode);
    }

    [Fact]
    public async Task Accepts_a_body_of_exactly_the_cap()
    {
        var padding = new string(' ', MaxBytes - """{"name":"x"}""".Length);
        var (value, problem) = await ReadAsync(TestHttp.WithJsonBody(_services, """{"name":"x"}""" + padding, sendLength: false));

        Assert.Null(problem);
        Assert.Equal("x", value?.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{bad")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"name":5}""")]
    [InlineData("""{"nmae":"typo"}""")]
    public async Task Answers_malformed_bodies_with_a_400_that_says_where(string json)
    {
        var (_, problem) = await ReadAsync(TestHttp.WithJsonBody(_services, json));

        Assert.NotNull(problem);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("Invalid request", problem.ProblemDetails.Title);
        Assert.DoesNotContain("CameraCloud.", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uses_the_callers_description_of_an_error_path()
    {
        var context = TestHttp.WithJsonBody(_services, """{"name":5}""");
        var options = _services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        using var cancellation = new CancellationTokenSource(Timeout);

        var (_, problem) = await JsonBodyReader.ReadAsync<CameraPatchRequest>(
            context.Request, MaxBytes, options, path => path == "$.name" ? "name must be text" : null, cancellation.Token);

        Assert.Equal("name must be text", problem?.ProblemDetails.Detail);
    }

    private async Task<(CameraPatchRequest? Value, ProblemHttpResult? Problem)> ReadAsync(HttpContext context)
    {
        var options = _services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        using var cancellation = new CancellationTokenSource(Timeout);
        return await JsonBodyReader.ReadAsync<CameraPatchRequest>(context.Request, MaxBytes, options, null, cancellation.Token);
    }
}
