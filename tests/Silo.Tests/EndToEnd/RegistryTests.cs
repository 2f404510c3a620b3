using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>Registration, the registry API and persistence across a restart.</summary>
public sealed class RegistryTests
{
    [Fact]
    public async Task First_boot_camera_gets_a_new_hex_id_and_appears_online_in_the_list()
    {
        await using var silo = await RunningSilo.StartAsync();
        // registerDevices, confirm, getDevInfo (newer firmware), getA9ConfCheck, then TCP registration.
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions(deviceId: null) with { CallGetDevInfo = true }, Timeouts.Short);

        Assert.Matches("^[0-9A-Fa-f]{12}$", camera.DeviceId);
        var page = await silo.Client.GetFromJsonAsync<JsonElement>("api/cameras", Timeouts.Short);
        var item = page.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(camera.DeviceId, item.GetProperty("id").GetString());
        Assert.True(item.GetProperty("online").GetBoolean());
        Assert.Equal("202212011602", item.GetProperty("firmware").GetString());
        Assert.Equal(1, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Registry_and_names_survive_a_restart_and_the_camera_comes_back_online()
    {
        string dataPath;
        string id;
        await using (var first = await RunningSilo.StartAsync())
        {
            first.KeepData = true;
            dataPath = first.DataPath;
            await using var camera = await SimulatedCamera.StartAsync(first.CameraOptions(deviceId: null), Timeouts.Short);
            id = camera.DeviceId;
            using var patch = await first.Client.PatchAsJsonAsync($"api/cameras/{id}", new { name = "Porch" }, Timeouts.Short);
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            await first.StopAsync();
        }

        await using var second = await RunningSilo.StartOnDataAsync(dataPath);
        var info = await second.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{id}", Timeouts.Short);
        Assert.Equal("Porch", info.GetProperty("name").GetString());
        Assert.False(info.GetProperty("online").GetBoolean());
        Assert.Equal(id, (await second.Client.GetFromJsonAsync<JsonElement>("api/cameras", Timeouts.Short))
            .GetProperty("items")[0].GetProperty("id").GetString());

        await using var again = await SimulatedCamera.StartAsync(second.CameraOptions(id), Timeouts.Short);
        info = await second.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{id}", Timeouts.Short);
        Assert.True(info.GetProperty("online").GetBoolean());
        Assert.Equal("Porch", info.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_forgets_the_camera_and_drops_its_connection()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0D0D0D0"), Timeouts.Short);

        using var delete = await silo.Client.DeleteAsync($"api/cameras/{camera.DeviceId}", Timeouts.Short);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await camera.WaitUntilAsync(c => c.ConnectionsLost >= 1, Timeouts.Short);
        using var get = await silo.Client.GetAsync($"api/cameras/{camera.DeviceId}", Timeouts.Short);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task The_newest_connection_of_a_camera_wins()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0E0E0E0"), Timeouts.Short);
        var firstEndPoint = camera.LocalTcpEndPoint;

        // A power cycle: a new connection registers while the old socket lingers.
        await camera.ReconnectAsync(lingerOldConnection: true, Timeouts.Short);
        var info = await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{camera.DeviceId}", Timeouts.Short);
        Assert.True(info.GetProperty("online").GetBoolean());
        Assert.Equal(camera.LocalTcpEndPoint!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            info.GetProperty("remoteEndPoint").GetString()!.Split(':')[^1]);
        Assert.NotEqual(firstEndPoint, camera.LocalTcpEndPoint);

        // And it streams on the new connection.
        await using var viewer = await MjpegViewer.OpenAsync(silo.Client, camera.DeviceId, Timeouts.Short);
        await viewer.ReadPartsAsync(3, Timeouts.Long);
    }

    [Fact]
    public async Task Mqtt_status_and_info_update_the_camera()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0F0F0F0") with { UseMqtt = true }, Timeouts.Short);

        // The endpoint handles one connection's packets in order, so a PINGRESP after the publishes
        // means their state updates are done.
        await camera.PingMqttAsync(Timeouts.Short);
        var info = await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{camera.DeviceId}", Timeouts.Short);
        Assert.Equal(1, info.GetProperty("mqttStatus").GetInt32());
        Assert.Equal(camera.DeviceId, info.GetProperty("mqttInfo").GetProperty("devicesCode").GetString());
    }
}
