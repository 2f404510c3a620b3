using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CameraCloud.Gateway.Agents;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>The gateway's per-target ports without an agent: they follow the registry and fail fast while the agent is away.</summary>
public sealed class AgentPortTests
{
    [Fact]
    public async Task An_offline_agents_port_accepts_and_closes_at_once()
    {
        await using var silo = await RunningSilo.StartAsync();
        var port = await ProvisionAsync(silo, "away");

        // Twice: the second connection is handled the same though its log line is held back.
        Assert.True(await PortProbe.IsAcceptedThenClosedAsync(port, Timeouts.Short));
        Assert.True(await PortProbe.IsAcceptedThenClosedAsync(port, Timeouts.Short));
    }

    [Fact]
    public async Task After_delete_the_port_refuses_connections()
    {
        await using var silo = await RunningSilo.StartAsync();
        var port = await ProvisionAsync(silo, "doomed");
        Assert.False(await PortProbe.IsRefusedAsync(port, Timeouts.Short));

        using var deleted = await silo.Client.DeleteAsync("api/agents/doomed", Timeouts.Short);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        // No wait: the port is closed before DELETE answers.
        Assert.True(await PortProbe.IsRefusedAsync(port, Timeouts.Short));
    }

    [Fact]
    public async Task A_new_targets_port_listens_before_PATCH_answers_and_a_removed_ones_is_closed()
    {
        await using var silo = await RunningSilo.StartAsync();
        var rtspPort = await ProvisionAsync(silo, "cam");

        using var added = await silo.Client.PatchAsJsonAsync("api/agents/cam", new
        {
            targets = new object[] { new { name = "rtsp", host = "127.0.0.1", port = 554 }, new { name = "http", host = "127.0.0.1", port = 80 } },
        }, Timeouts.Short);
        var httpPort = (await added.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short)).GetProperty("targets")[1].GetProperty("gatewayPort").GetInt32();
        Assert.True(await PortProbe.IsAcceptedThenClosedAsync(httpPort, Timeouts.Short));

        using var removed = await silo.Client.PatchAsJsonAsync("api/agents/cam", new
        {
            targets = new object[] { new { name = "http", host = "127.0.0.1", port = 80 } },
        }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.True(await PortProbe.IsRefusedAsync(rtspPort, Timeouts.Short));
        Assert.True(await PortProbe.IsAcceptedThenClosedAsync(httpPort, Timeouts.Short));
    }

    [Fact]
    public async Task Ports_listen_again_after_a_restart_over_the_same_data()
    {
        string dataPath;
        string[] sameRange;
        int port;
        await using (var silo = await RunningSilo.StartAsync())
        {
            silo.KeepData = true;
            dataPath = silo.DataPath;
            sameRange = silo.SameTunnelPortsArgs;
            port = await ProvisionAsync(silo, "steady");
            await silo.StopAsync();
        }
        Assert.True(await PortProbe.IsRefusedAsync(port, Timeouts.Short));

        await using var restarted = await RunningSilo.StartOnDataAsync(dataPath, sameRange);
        Assert.True(await PortProbe.IsAcceptedThenClosedAsync(port, Timeouts.Short));
        var info = await restarted.Client.GetFromJsonAsync<JsonElement>("api/agents/steady", Timeouts.Short);
        Assert.Equal(port, info.GetProperty("targets")[0].GetProperty("gatewayPort").GetInt32());
    }

    [Fact]
    public async Task A_port_that_cannot_be_bound_is_skipped_and_the_node_keeps_serving()
    {
        var range = RunningSilo.FindFreeTunnelPorts(4);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, range.First));
        squatter.Listen();

        await using var silo = await RunningSilo.StartAsync(RunningSilo.TunnelPortRangeArg + range);
        var blocked = await ProvisionAsync(silo, "unlucky");
        var fine = await ProvisionAsync(silo, "lucky");

        Assert.Equal(range.First, blocked);
        var listeners = silo.Services.GetRequiredService<TunnelPortListeners>();
        Assert.DoesNotContain(blocked, listeners.ListeningPorts);
        Assert.True(await PortProbe.IsAcceptedThenClosedAsync(fine, Timeouts.Short));

        // Once the port is free, the next change binds it.
        squatter.Close();
        await ProvisionAsync(silo, "later");
        Assert.Contains(blocked, listeners.ListeningPorts);
    }

    private static async Task<int> ProvisionAsync(RunningSilo silo, string id)
    {
        using var created = await silo.Client.PostAsJsonAsync("api/agents", new { id }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);
        return body.GetProperty("agent").GetProperty("targets")[0].GetProperty("gatewayPort").GetInt32();
    }
}
