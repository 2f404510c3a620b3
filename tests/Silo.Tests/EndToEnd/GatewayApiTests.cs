using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>The REST surface against a running node: errors, commands, Swagger and health.</summary>
public sealed class GatewayApiTests
{
    [Fact]
    public async Task Unknown_camera_is_404_problem_and_a_malformed_id_is_400()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var unknown = await silo.Client.GetAsync("api/cameras/0800c0000000", Timeouts.Short);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        foreach (var bad in new[] { "bad-id!", new string('a', 33), "%C3%A9t%C3%A9" })
        {
            using var response = await silo.Client.GetAsync($"api/cameras/{bad}/snapshot", Timeouts.Short);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Offline_camera_is_503_for_video_and_commands()
    {
        await using var silo = await RunningSilo.StartAsync();
        var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0123456"), Timeouts.Short);
        var registry = silo.Services.GetRequiredService<CameraCloud.Edge.V720.V720SessionRegistry>();
        var offline = new TaskCompletionSource();
        registry.Unregistered += uid => offline.TrySetResult();
        await camera.DisposeAsync();
        await offline.Task.WaitAsync(Timeouts.Short);

        using var mjpeg = await silo.Client.GetAsync("api/cameras/0800c0123456/mjpeg", HttpCompletionOption.ResponseHeadersRead, Timeouts.Short);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, mjpeg.StatusCode);
        Assert.Equal("application/problem+json", mjpeg.Content.Headers.ContentType?.MediaType);
        using var command = await silo.Client.PostAsJsonAsync("api/cameras/0800c0123456/commands", new { command = "irLed", value = 0 }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, command.StatusCode);
    }

    [Fact]
    public async Task Settings_reach_the_camera_as_301_and_dangerous_ones_need_confirmation()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0654321"), Timeouts.Short);

        using var irLed = await silo.Client.PostAsJsonAsync($"api/cameras/{camera.DeviceId}/commands", new { command = "irLed", value = 0 }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Accepted, irLed.StatusCode);
        var received = await WaitForContentCodeAsync(camera, 202);
        Assert.Equal(0, JsonDocument.Parse(received.Json).RootElement.GetProperty("content").GetProperty("IrLed").GetInt32());

        using var reboot = await silo.Client.PostAsJsonAsync($"api/cameras/{camera.DeviceId}/commands", new { command = "reboot" }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.BadRequest, reboot.StatusCode);
        Assert.Contains("confirm", await reboot.Content.ReadAsStringAsync(Timeouts.Short));
        Assert.DoesNotContain(camera.ReceivedCommands, c => c.ContentCode == 299);

        using var badValue = await silo.Client.PostAsJsonAsync($"api/cameras/{camera.DeviceId}/commands", new { command = "mirrorFlip", value = 99 }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);

        using var garbage = await silo.Client.PostAsync($"api/cameras/{camera.DeviceId}/commands",
            new StringContent("{\"command\": [1,2,", Encoding.UTF8, "application/json"), Timeouts.Short);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        using var oversize = await silo.Client.PostAsync($"api/cameras/{camera.DeviceId}/commands",
            new StringContent("{\"command\":\"irLed\",\"ssid\":\"" + new string('x', 100_000) + "\"}", Encoding.UTF8, "application/json"), Timeouts.Short);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);

        using var confirmed = await silo.Client.PostAsJsonAsync($"api/cameras/{camera.DeviceId}/commands", new { command = "reboot", confirm = true }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        await WaitForContentCodeAsync(camera, 299);
    }

    [Fact]
    public async Task Swagger_describes_every_camera_endpoint()
    {
        await using var silo = await RunningSilo.StartAsync();
        var document = await silo.Client.GetFromJsonAsync<JsonElement>("swagger/v1/swagger.json", Timeouts.Short);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/cameras", "/api/cameras/{id}", "/api/cameras/{id}/mjpeg", "/api/cameras/{id}/snapshot", "/api/cameras/{id}/audio", "/api/cameras/{id}/commands" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is documented");
            foreach (var operation in item.EnumerateObject())
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {path} has a summary");
            }
        }
        using var ui = await silo.Client.GetAsync("swagger/index.html", Timeouts.Short);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer_when_the_listeners_are_bound()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var live = await silo.Client.GetAsync("health/live", Timeouts.Short);
        using var ready = await silo.Client.GetAsync("health/ready", Timeouts.Short);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task<ReceivedCommand> WaitForContentCodeAsync(SimulatedCamera camera, int contentCode)
    {
        await camera.WaitUntilAsync(c => c.ReceivedCommands.Any(m => m.ContentCode == contentCode), Timeouts.Short);
        return camera.ReceivedCommands.Last(m => m.ContentCode == contentCode);
    }
}
