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
}
