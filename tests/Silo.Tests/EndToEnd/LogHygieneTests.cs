using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using CameraCloud.Codecs.V720;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>What a node writes to its log when given secrets and garbage: no secret, no forged line, no 60 KB line.</summary>
public sealed class LogHygieneTests
{
    [Fact]
    public async Task A_wifi_password_sent_to_a_camera_never_appears_in_the_log()
    {
        const string password = "correct-horse-battery-staple";
        var logs = new RecordingLoggerProvider();
        await using var silo = await RunningSilo.StartRecordingAsync(logs, "--Logging:LogLevel:Default=Trace");
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0a1b2f1"), Timeouts.Short);

        using var response = await silo.Client.PostAsJsonAsync($"api/cameras/{camera.DeviceId}/commands",
            new { command = "joinWifi", ssid = "home", password, confirm = true }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await camera.WaitUntilAsync(c => c.ReceivedCommands.Any(m => m.Json.Contains(password, StringComparison.Ordinal)), Timeouts.Short);

        Assert.Contains(logs.Lines, l => l.EventName == "CameraCommandSent" && l.Message.Contains("********", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_huge_uid_with_newlines_is_logged_as_one_short_escaped_line()
    {
        var logs = new RecordingLoggerProvider();
        await using var silo = await RunningSilo.StartRecordingAsync(logs);
        var uid = "0800c0\nFAKE LOG LINE: admin logged in\n" + new string('x', 60_000);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, silo.TcpPort, Timeouts.Short);
        var register = V720Writer.JsonToArray($$"""{"code":100,"uid":{{System.Text.Json.JsonSerializer.Serialize(uid)}},"token":"x","domain":"v720.naxclow.com"}""");
        await client.GetStream().WriteAsync(register, Timeouts.Short);
        // Heartbeats are answered in order after the register, so the answer means the register was handled.
        await client.GetStream().WriteAsync(V720Writer.ToArray(V720Cmd.Heartbeat, []), Timeouts.Short);
        var answer = new byte[20];
        await client.GetStream().ReadExactlyAsync(answer, Timeouts.Short);

        var line = Assert.Single(logs.Lines, l => l.EventName == "V720RegisterRejected").Message;
        Assert.DoesNotContain('\n', line);
        Assert.Contains("\\u000aFAKE LOG LINE", line, StringComparison.Ordinal);
        Assert.Contains($"({uid.Length} characters)", line, StringComparison.Ordinal);
        Assert.True(line.Length < 300, $"{line.Length} characters");
    }
}
