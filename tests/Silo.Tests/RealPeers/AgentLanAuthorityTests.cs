using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CameraCloud.Silo.Tests.Agents;
using CameraCloud.Silo.Tests.ClusterNodes;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;

namespace CameraCloud.Silo.Tests.RealPeers;

/// <summary>
/// The real agent against a node, tried as someone holding an operator key would: it reaches only what its own
/// configuration lists, and it sends its token only to the host it was configured with.
/// </summary>
public sealed class AgentLanAuthorityTests
{
    [Fact]
    public async Task A_target_patched_to_another_lan_service_is_refused_and_its_gateway_port_never_reaches_it()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = new EchoServer();
        await using var other = new EchoServer();
        var provisioned = await ProvisionedAgent.CreateAsync(silo.Client, "lan-authority", "rtsp", camera.EndPoint.Port, null, Timeouts.Short);
        await using var agent = AgentProcess.Start(silo.Gateway, provisioned.Id, provisioned.Token, $"rtsp=127.0.0.1:{camera.EndPoint.Port}");
        await WaitOnlineAsync(silo, provisioned.Id);

        using (var patch = await silo.Client.PatchAsJsonAsync($"api/agents/{provisioned.Id}",
            new { targets = new[] { new { name = "rtsp", host = "127.0.0.1", port = other.EndPoint.Port } } }, Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }
        await TestCluster.PollAsync(async () => (await StatusAsync(silo, provisioned.Id)).GetProperty("refusedTargets").EnumerateArray()
            .Any(t => t.GetProperty("port").GetInt32() == other.EndPoint.Port), "the agent to report the target it refused", Timeouts.Long);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, provisioned.Port, Timeouts.Short);
        var stream = client.GetStream();
        await stream.WriteAsync("hello"u8.ToArray(), Timeouts.Short);
        var read = await ReadOrResetAsync(stream);
        Assert.Equal(0, read);
        Assert.Equal(0, other.Accepted);
        Assert.Empty((await StatusAsync(silo, provisioned.Id)).GetProperty("targets").EnumerateArray());
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_refused_and_nothing_dials_it()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = new EchoServer();
        var provisioned = await ProvisionedAgent.CreateAsync(silo.Client, "no-redirect", "rtsp", camera.EndPoint.Port, null, Timeouts.Short);
        await using var agent = AgentProcess.Start(silo.Gateway, provisioned.Id, provisioned.Token, $"rtsp=127.0.0.1:{camera.EndPoint.Port}");
        await WaitOnlineAsync(silo, provisioned.Id);
        var attacker = new TcpListener(IPAddress.Parse("127.0.0.2"), 0);
        attacker.Start();
        try
        {
            var url = $"ws://127.0.0.2:{((IPEndPoint)attacker.LocalEndpoint).Port}/agent/connect";

            using var control = await silo.Client.PostAsJsonAsync($"api/agents/{provisioned.Id}/control", new { command = "redirect", url }, Timeouts.Long);
            var result = await control.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);

            Assert.Equal(HttpStatusCode.OK, control.StatusCode);
            Assert.False(result.GetProperty("ok").GetBoolean());
            Assert.Contains("refused", result.GetProperty("error").GetString(), StringComparison.Ordinal);
            // Still connected where it was: a status round trip after the refusal, and nobody knocked on the attacker's port.
            Assert.Equal($"ws://{silo.Gateway.Authority}/agent/connect",
                (await StatusAsync(silo, provisioned.Id)).GetProperty("server").GetString());
            Assert.False(attacker.Pending());
        }
        finally
        {
            attacker.Stop();
        }
    }

    private static async Task WaitOnlineAsync(RunningSilo silo, string id) =>
        await TestCluster.PollAsync(async () => (await silo.Client.GetFromJsonAsync<JsonElement>($"api/agents/{id}", Timeouts.Short))
            .GetProperty("online").GetBoolean(), $"agent {id} to connect", Timeouts.Long);

    private static async Task<JsonElement> StatusAsync(RunningSilo silo, string id)
    {
        using var control = await silo.Client.PostAsJsonAsync($"api/agents/{id}/control", new { command = "get-status" }, Timeouts.Short);
        var result = await control.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);
        return result.GetProperty("status");
    }

    private static async Task<int> ReadOrResetAsync(NetworkStream stream)
    {
        try
        {
            return await stream.ReadAsync(new byte[16], Timeouts.Short);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
