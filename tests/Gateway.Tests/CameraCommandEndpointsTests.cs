using System.Text.Json;
using CameraCloud.Cameras;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CameraCloud.Gateway.Tests;

public sealed class CameraCommandEndpointsTests : IDisposable
{
    private const string CameraId = "0800c00128f8";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly FakeGrainFactory _grains = new();
    private readonly ServiceProvider _services;

    public CameraCommandEndpointsTests() => _services = TestServices.Create(_grains);

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData("""{"command":"reboot"}""", "reboot")]
    [InlineData("""{"command":"reboot","confirm":false}""", "reboot")]
    [InlineData("""{"command":"powerOff"}""", "powerOff")]
    [InlineData("""{"command":"formatSdCard"}""", "formatSdCard")]
    [InlineData("""{"command":"accessPointMode"}""", "accessPointMode")]
    [InlineData("""{"command":"joinWifi","ssid":"home","password":"12345678"}""", "joinWifi")]
    public async Task A_dangerous_command_without_confirmation_is_refused_and_not_sent(string json, string name)
    {
        var problem = Assert.IsType<ProblemHttpResult>(await SendAsync(CameraId, json));

        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("Confirmation required", problem.ProblemDetails.Title);
        Assert.Contains($"'{name}'", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Contains("\"confirm\": true", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Equal(true, problem.ProblemDetails.Extensions["requiresConfirmation"]);
        Assert.Equal(name, problem.ProblemDetails.Extensions["command"]);
        Assert.Empty(_grains.Camera(CameraId).SentCommands);
    }

    [Fact]
    public async Task The_reason_for_a_reboot_says_it_disconnects_the_camera()
    {
        var problem = Assert.IsType<ProblemHttpResult>(await SendAsync(CameraId, """{"command":"reboot"}"""));

        Assert.Contains("disconnects the camera", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_dangerous_command_is_sent_and_accepted()
    {
        var accepted = Assert.IsType<Accepted<CommandAccepted>>(await SendAsync(CameraId, """{"command":"reboot","confirm":true}"""));

        Assert.Equal(StatusCodes.Status202Accepted, accepted.StatusCode);
        Assert.Equal(CameraSetting.Reboot, accepted.Value!.Command);
        Assert.Equal(299, accepted.Value.Code);
        Assert.Equal(1, accepted.Value.Content.GetProperty("reboot").GetInt32());
        var sent = Assert.Single(_grains.Camera(CameraId).SentCommands);
        Assert.Equal(CameraSetting.Reboot, sent.Setting);
    }

    [Fact]
    public async Task A_safe_command_needs_no_confirmation()
    {
        var accepted = Assert.IsType<Accepted<CommandAccepted>>(await SendAsync(CameraId, """{"command":"irLed","value":2}"""));

        Assert.Equal("""{"code":202,"IrLed":2}""", JsonSerializer.Serialize(accepted.Value!.Content));
        Assert.Equal("""{"code":202,"IrLed":2}""", Assert.Single(_grains.Camera(CameraId).SentCommands).ContentJson);
    }

    [Fact]
    public async Task JoinWifi_sends_the_password_but_does_not_echo_it()
    {
        const string body = """{"command":"joinWifi","ssid":"home","password":"correct horse","confirm":true}""";

        var accepted = Assert.IsType<Accepted<CommandAccepted>>(await SendAsync(CameraId, body));

        Assert.Equal("home", accepted.Value!.Content.GetProperty("s").GetString());
        Assert.DoesNotContain("correct horse", JsonSerializer.Serialize(accepted.Value.Content), StringComparison.Ordinal);
        Assert.Contains("correct horse", Assert.Single(_grains.Camera(CameraId).SentCommands).ContentJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_of_range_value_is_a_400_naming_the_command_as_the_API_spells_it()
    {
        var problem = Assert.IsType<ProblemHttpResult>(await SendAsync(CameraId, """{"command":"irLed","value":3}"""));

        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("irLed needs 'value' between 0 and 2.", problem.ProblemDetails.Detail);
        Assert.Empty(_grains.Camera(CameraId).SentCommands);
    }

    [Fact]
    public async Task A_missing_command_is_a_400_listing_the_commands()
    {
        var problem = Assert.IsType<ProblemHttpResult>(await SendAsync(CameraId, """{"value":1}"""));

        Assert.Contains("'command' is required", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Contains("mirrorFlip", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_name_is_a_400_listing_the_commands()
    {
        var problem = Assert.IsType<ProblemHttpResult>(await SendAsync(CameraId, """{"command":"selfDestruct"}"""));

        Assert.StartsWith("'command' must be one of:", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Contains("irLed", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_confirm_is_refused_rather_than_read_as_false()
    {
        var problem = Assert.IsType<ProblemHttpResult>(await SendAsync(CameraId, """{"command":"reboot","confirmed":true}"""));

        Assert.Equal("Invalid request", problem.ProblemDetails.Title);
        Assert.Contains("$.confirmed", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_id_is_refused_before_any_grain_is_addressed()
    {
        var problem = Assert.IsType<ProblemHttpResult>(await SendAsync("../../etc", """{"command":"irLed","value":1}"""));

        Assert.Equal("Invalid camera id", problem.ProblemDetails.Title);
        Assert.Empty(_grains.RequestedKeys);
    }

    [Fact]
    public async Task An_offline_camera_surfaces_as_the_grains_exception_for_the_boundary_to_map()
    {
        _grains.Camera(CameraId).FailWith = new CameraOfflineException(CameraId);

        await Assert.ThrowsAsync<CameraOfflineException>(() => SendAsync(CameraId, """{"command":"irLed","value":1}"""));
    }

    private async Task<IResult> SendAsync(string id, string json)
    {
        var context = TestHttp.WithJsonBody(_services, json);
        using var cancellation = new CancellationTokenSource(Timeout);
        var result = await CameraCommandEndpoints.SendAsync(
            id,
            context.Request,
            _grains,
            _services.GetRequiredService<IOptions<GatewayOptions>>(),
            _services.GetRequiredService<IOptions<HttpJsonOptions>>(),
            _services.GetRequiredService<ILoggerFactory>(),
            cancellation.Token);
        return result.Result;
    }
}
