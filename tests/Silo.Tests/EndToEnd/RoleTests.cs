using System.Net;
using CameraCloud.Silo.Tests.Agents;
using CameraCloud.Silo.Tests.Nodes;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary><c>Cluster:Roles</c>: what a node without the edge or without the gateway role leaves out, and what it keeps.</summary>
public sealed class RoleTests
{
    [Fact]
    public async Task A_gateway_only_node_opens_no_device_listeners_but_serves_the_api_and_the_agent_ports()
    {
        await using var silo = await RunningSilo.StartAsync("--Cluster:Roles:0=gateway");

        Assert.False(await AcceptsAsync(silo.HttpPort), "the V720 bootstrap port listens");
        Assert.False(await AcceptsAsync(silo.TcpPort), "the V720 control port listens");
        using (var connect = await silo.Client.GetAsync("agent/connect", Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.NotFound, connect.StatusCode);
        }
        using (var ready = await silo.Client.GetAsync("health/ready", Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var port = await ProvisionAsync(silo, "agent-gw");
        Assert.True(await AcceptsAsync(port), "the agent's port does not listen");
    }

    [Fact]
    public async Task An_edge_only_node_takes_devices_and_provisions_agents_but_listens_on_no_agent_port()
    {
        await using var silo = await RunningSilo.StartAsync("--Cluster:Roles:0=edge");

        Assert.True(await AcceptsAsync(silo.HttpPort), "the V720 bootstrap port does not listen");
        using (var connect = await silo.Client.GetAsync("agent/connect", Timeouts.Short))
        {
            // Mapped: the endpoint itself asks for the agent's credentials.
            Assert.Equal(HttpStatusCode.Unauthorized, connect.StatusCode);
        }

        var port = await ProvisionAsync(silo, "agent-edge");
        Assert.False(await AcceptsAsync(port), "an edge-only node listens on an agent port");
    }

    [Fact]
    public async Task An_unknown_role_fails_the_start_naming_it()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningSilo.StartAsync("--Cluster:Roles:0=camera"));
        Assert.Contains("camera", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Roles", error.Message, StringComparison.Ordinal);
    }

    private static async Task<int> ProvisionAsync(RunningSilo silo, string id) =>
        (await ProvisionedAgent.CreateAsync(silo.Client, id, "web", 80, path: null, Timeouts.Short)).Port;

    private static async Task<bool> AcceptsAsync(int port) => !await PortProbe.IsRefusedAsync(port, Timeouts.Short);
}
