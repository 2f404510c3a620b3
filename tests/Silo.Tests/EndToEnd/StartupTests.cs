using System.Net;
using System.Net.Sockets;
using CameraCloud.Silo.Tests.Nodes;

namespace CameraCloud.Silo.Tests.EndToEnd;

public sealed class StartupTests
{
    [Fact]
    public async Task A_port_in_use_fails_the_start_with_a_message_naming_its_setting()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var port = ((IPEndPoint)squatter.LocalEndPoint!).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningSilo.StartAsync($"--V720:MqttPort={port}"));
        Assert.Contains("V720:MqttPort", error.Message);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public async Task Stopping_the_node_ends_camera_connections_at_once_instead_of_waiting_out_the_shutdown_timeout()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await CameraCloud.V720.Simulator.SimulatedCamera.StartAsync(silo.CameraOptions("0800c0501501") with { UseMqtt = true }, Timeouts.Short);

        var stopping = silo.StopAsync();
        // Kestrel alone would hold a connection handler for its whole 30 s shutdown timeout.
        await camera.WaitUntilAsync(c => c.ConnectionsLost >= 1, TimeSpan.FromSeconds(10));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
