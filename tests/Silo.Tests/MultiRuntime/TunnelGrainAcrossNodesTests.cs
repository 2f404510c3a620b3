using CameraCloud.Agents;
using CameraCloud.Silo.Tests.Agents;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage;

namespace CameraCloud.Silo.Tests.MultiRuntime;

/// <summary>
/// An agent's grain can be active on two nodes at once: where the agent is connected, and where a REST call
/// or an earlier connection left an activation behind. Both write the one record.
/// </summary>
public sealed class TunnelGrainAcrossNodesTests : IDisposable
{
    private static readonly AgentTarget Rtsp = new("rtsp", "192.168.1.64", 554);
    private static readonly AgentTarget Http = new("http", "192.168.1.64", 80);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_update_on_one_node_shows_in_GetInfo_on_the_other_for_an_offline_agent()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await Wait.For(nodes.A.Agent("a").ProvisionAsync(new AgentProvisionRequest("Porch", [Rtsp]), CancellationToken.None));
        Assert.Equal("Porch", (await InfoAsync(nodes.B)).Name);

        await Wait.For(nodes.A.Agent("a").UpdateAsync(new AgentUpdate("Garage", [Rtsp, Http]), CancellationToken.None));
        var onB = await InfoAsync(nodes.B);
        Assert.Equal("Garage", onB.Name);
        Assert.Equal(["rtsp", "http"], onB.Targets.Select(t => t.Name));

        await Wait.For(nodes.B.Agent("a").UpdateAsync(new AgentUpdate("Gate", null), CancellationToken.None));
        var onA = await InfoAsync(nodes.A);
        Assert.Equal("Gate", onA.Name);
        Assert.Equal(onB.Targets, onA.Targets);
    }

    [Fact]
    public async Task A_delete_on_one_node_revokes_the_agent_on_the_other_and_the_other_s_deactivation_does_not_recreate_it()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        var provisioned = await Wait.For(nodes.A.Agent("a").ProvisionAsync(new AgentProvisionRequest("Porch", [Rtsp]), CancellationToken.None));
        Assert.True(await Wait.For(nodes.B.Agent("a").AuthenticateAsync(provisioned.Token, CancellationToken.None)));

        Assert.True(await Wait.For(nodes.A.Agent("a").DeleteAsync(CancellationToken.None)));

        Assert.False(await Wait.For(nodes.B.Agent("a").AuthenticateAsync(provisioned.Token, CancellationToken.None)));
        Assert.Null(await Wait.For(nodes.B.Agent("a").GetInfoAsync(CancellationToken.None)));
        await Assert.ThrowsAsync<AgentNotFoundException>(() => Wait.For(
            nodes.B.Agent("a").AgentConnectedAsync(Hello("198.51.100.2:2000"), new FakeAgentLink(1), CancellationToken.None)));
        await nodes.B.DeactivateIdleAsync();

        Assert.Null(await nodes.StoredAsync<AgentState>("tunnel", "a", "agent"));
        Assert.Empty(await Wait.For(nodes.B.TunnelIndex.ListPortsAsync(CancellationToken.None)));
        Assert.Empty(await Wait.For(nodes.B.TunnelIndex.ListAsync(0, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task A_stale_activation_holding_an_old_link_does_not_recreate_an_agent_deleted_on_the_other_node()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await Wait.For(nodes.A.Agent("a").ProvisionAsync(new AgentProvisionRequest("Porch", [Rtsp]), CancellationToken.None));
        var link = new FakeAgentLink(1);
        await Wait.For(nodes.B.Agent("a").AgentConnectedAsync(Hello("198.51.100.2:2000"), link, CancellationToken.None));
        nodes.B.Time.Advance(TimeSpan.FromSeconds(10));
        await Wait.For(nodes.B.Agent("a").TrafficReportedAsync(link.LinkId, Traffic(100), CancellationToken.None));

        Assert.True(await Wait.For(nodes.A.Agent("a").DeleteAsync(CancellationToken.None)));
        await Wait.For(nodes.B.Agent("a").AgentDisconnectedAsync(link.LinkId, "closed", CancellationToken.None));
        await nodes.B.DeactivateIdleAsync();

        Assert.Null(await nodes.StoredAsync<AgentState>("tunnel", "a", "agent"));
        Assert.Equal(1, nodes.StoreB.Conflicts);
    }

    [Fact]
    public async Task A_stale_activation_s_disconnect_does_not_undo_the_later_session_written_by_the_other_node()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        var start = nodes.A.Time.GetUtcNow();
        await Wait.For(nodes.A.Agent("a").ProvisionAsync(new AgentProvisionRequest("Porch", [Rtsp]), CancellationToken.None));
        var old = new FakeAgentLink(1, "198.51.100.1:1000");
        await Wait.For(nodes.A.Agent("a").AgentConnectedAsync(Hello(old.RemoteEndPoint), old, CancellationToken.None));
        nodes.A.Time.Advance(TimeSpan.FromSeconds(10));
        await Wait.For(nodes.A.Agent("a").TrafficReportedAsync(old.LinkId, Traffic(100), CancellationToken.None));
        // The agent moved: it connects to B, which writes the new session.
        nodes.B.Time.Advance(TimeSpan.FromSeconds(60));
        var moved = new FakeAgentLink(2, "198.51.100.2:2000");
        await Wait.For(nodes.B.Agent("a").AgentConnectedAsync(Hello(moved.RemoteEndPoint), moved, CancellationToken.None));

        await Wait.For(nodes.A.Agent("a").AgentDisconnectedAsync(old.LinkId, "closed", CancellationToken.None));

        var stored = await nodes.StoredAsync<AgentState>("tunnel", "a", "agent");
        Assert.Equal(start.AddSeconds(60), stored!.LastSeen);
        Assert.Equal(moved.RemoteEndPoint, stored.ConnectedFrom);
        Assert.Equal(0, stored.Traffic!.BytesToAgent);
        Assert.Equal("Porch", stored.Name);
        var seenFromA = await InfoAsync(nodes.A);
        Assert.False(seenFromA.Online);
        Assert.Equal(start.AddSeconds(60), seenFromA.LastSeen);
        Assert.Equal(0, seenFromA.Traffic.BytesToAgent);
    }

    [Fact]
    public async Task Provisioning_one_id_on_two_nodes_at_once_creates_it_once_and_frees_what_the_loser_allocated()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        var paused = nodes.StoreB.PauseNextWrite("tunnel", "a", "agent");
        var onB = nodes.B.Agent("a").ProvisionAsync(new AgentProvisionRequest("B", [Rtsp, Http]), CancellationToken.None);
        await Wait.For(paused.Arrived);

        var onA = await Wait.For(nodes.A.Agent("a").ProvisionAsync(new AgentProvisionRequest("A", [Rtsp]), CancellationToken.None));
        paused.Release();

        await Assert.ThrowsAsync<AgentIdTakenException>(() => Wait.For(onB));
        Assert.Equal("A", (await InfoAsync(nodes.B)).Name);
        Assert.True(await Wait.For(nodes.B.Agent("a").AuthenticateAsync(onA.Token, CancellationToken.None)));
        Assert.Equal(
            [new TunnelPortAssignment(onA.Agent.Targets.Single().GatewayPort, "a", "rtsp")],
            await Wait.For(nodes.B.TunnelIndex.ListPortsAsync(CancellationToken.None)));
        Assert.Equal(["a"], await Wait.For(nodes.B.TunnelIndex.ListAsync(0, 10, CancellationToken.None)));
    }

    private static AgentHelloInfo Hello(string remoteEndPoint) =>
        new("1.2.3", "dahua", "10.0.0.5", "ipc", [Rtsp], remoteEndPoint);

    private static AgentTraffic Traffic(long bytes) => new(bytes, bytes, 1, []);

    private static async Task<AgentInfo> InfoAsync(SharedStoreNode node) =>
        await Wait.For(node.Agent("a").GetInfoAsync(CancellationToken.None)) ?? throw new InvalidOperationException("agent a is not registered");
}
