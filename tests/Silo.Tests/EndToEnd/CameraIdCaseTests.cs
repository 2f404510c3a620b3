using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>
/// Camera ids are hex and compare without case: a camera that spells its id in capitals, as real firmware does
/// (<c>0800c00128F8</c>), is one camera under every spelling, shown in lower case.
/// </summary>
public sealed class CameraIdCaseTests
{
    private const string FirmwareSpelling = "0800c00128F8";
    private const string Shown = "0800c00128f8";

    [Fact]
    public async Task Every_spelling_of_the_id_reaches_the_one_camera_registered_in_capitals()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions(FirmwareSpelling) with { UseMqtt = true }, Timeouts.Short);
        await camera.PingMqttAsync(Timeouts.Short);

        var page = await silo.Client.GetFromJsonAsync<JsonElement>("api/cameras", Timeouts.Short);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(Shown, item.GetProperty("id").GetString());
        foreach (var spelling in new[] { Shown, FirmwareSpelling, "0800C00128F8" })
        {
            var info = await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{spelling}", Timeouts.Short);
            Assert.Equal(Shown, info.GetProperty("id").GetString());
            Assert.True(info.GetProperty("online").GetBoolean());
            // The MQTT report named the camera in its own spelling and landed on the same record.
            Assert.Equal(1, info.GetProperty("mqttStatus").GetInt32());
        }

        using (var rename = await silo.Client.PatchAsJsonAsync($"api/cameras/0800C00128F8", new { name = "Porch" }, Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        }
        Assert.Equal("Porch", (await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{Shown}", Timeouts.Short)).GetProperty("name").GetString());

        using (var command = await silo.Client.PostAsJsonAsync($"api/cameras/{Shown}/commands", new { command = "irLed", value = 2 }, Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.Accepted, command.StatusCode);
        }
        await camera.WaitUntilAsync(c => c.ReceivedCommands.Any(m => m.ContentCode == 202), Timeouts.Short);
    }

    [Fact]
    public async Task Video_asked_for_in_lower_case_starts_the_camera_registered_in_capitals()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions(FirmwareSpelling), Timeouts.Short);

        await using (var viewer = await MjpegViewer.OpenAsync(silo.Client, Shown, Timeouts.Short))
        {
            var part = await viewer.ReadPartAsync(Timeouts.Long);
            Assert.True(SimulatedFrameTag.TryRead(part.Body, out var uid, out _));
            Assert.Equal(FirmwareSpelling, uid);
        }

        using var snapshot = await silo.Client.GetAsync("api/cameras/0800C00128F8/snapshot", Timeouts.Long);
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        var info = await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{FirmwareSpelling}", Timeouts.Short);
        Assert.Equal(1, info.GetProperty("live").GetProperty("media").GetProperty("streamStarts").GetInt64());
    }

    [Fact]
    public async Task A_first_boot_camera_is_given_a_lower_case_id()
    {
        await using var silo = await RunningSilo.StartAsync();

        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions(deviceId: null), Timeouts.Short);

        Assert.Matches("^0800c0[0-9a-f]{6}$", camera.DeviceId);
    }
}
