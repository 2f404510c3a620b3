using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CameraCloud.Codecs.V720.Mqtt;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>
/// An MQTT client that is not the camera (another address, 127.0.0.2) publishing Status and Info in a camera's
/// name, and for an id nobody registered: nothing changes, nothing is created.
/// </summary>
public sealed class MqttSpoofingTests
{
    [Fact]
    public async Task Publishes_for_another_camera_or_an_unknown_id_change_and_create_nothing()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0a1b4c1"), Timeouts.Short);
        using var spoofer = new TcpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        await spoofer.ConnectAsync(IPAddress.Loopback, silo.MqttPort, Timeouts.Short);
        var output = new ArrayBufferWriter<byte>();

        MqttPacketWriter.WriteConnect(output, "spoofer", "spoofer", "\"x\"", 10, cleanSession: true);
        foreach (var device in new[] { camera.DeviceId, "0800c0ffff01" })
        {
            MqttPacketWriter.WritePublish(output, MqttTopics.DeviceStatus, Encoding.ASCII.GetBytes($$"""{"device":"{{device}}","token":"NAXCLOW","status": 0}"""));
            MqttPacketWriter.WritePublish(output, MqttTopics.DeviceInfo, Encoding.ASCII.GetBytes($$"""{"devicesCode":"{{device}}","version":"evil"}"""));
        }
        // One connection's packets are handled in order: the PINGRESP means the publishes before it were handled.
        MqttPacketWriter.WritePingReq(output);
        await spoofer.GetStream().WriteAsync(output.WrittenMemory, Timeouts.Short);
        var answers = new byte[4 + 2];
        await spoofer.GetStream().ReadExactlyAsync(answers, Timeouts.Short);
        Assert.Equal(0xD0, answers[4]);

        var info = await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{camera.DeviceId}", Timeouts.Short);
        Assert.Equal(JsonValueKind.Null, info.GetProperty("mqttStatus").ValueKind);
        Assert.Equal(JsonValueKind.Null, info.GetProperty("mqttInfo").ValueKind);
        using var unknown = await silo.Client.GetAsync("api/cameras/0800c0ffff01", Timeouts.Short);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
