using CameraCloud.Agents;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage;

namespace CameraCloud.Silo.Tests.MultiRuntime;

/// <summary>The agent list and port table is active on every node at once; all of them share its one record.</summary>
public sealed class TunnelIndexAcrossNodesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Ports_allocated_at_once_on_two_nodes_for_different_targets_are_all_different()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        var onA = Enumerable.Range(0, 20).Select(i => ("agent-a", $"t{i}", nodes.A.TunnelIndex.AllocatePortAsync("agent-a", $"t{i}", CancellationToken.None)));
        var onB = Enumerable.Range(0, 20).Select(i => ("agent-b", $"t{i}", nodes.B.TunnelIndex.AllocatePortAsync("agent-b", $"t{i}", CancellationToken.None)));
        var calls = onA.Zip(onB).SelectMany(pair => new[] { pair.First, pair.Second }).ToList();
        var ports = await Wait.For(Task.WhenAll(calls.Select(c => c.Item3)));

        var given = calls.Zip(ports, (c, port) => new TunnelPortAssignment(port, c.Item1, c.Item2)).OrderBy(a => a.Port).ToList();
        Assert.Equal(40, given.Select(a => a.Port).Distinct().Count());
        Assert.All(given, a => Assert.InRange(a.Port, 20000, 20039));
        Assert.Equal(given, await Wait.For(nodes.A.TunnelIndex.ListPortsAsync(CancellationToken.None)));
        Assert.Equal(given, await Wait.For(nodes.B.TunnelIndex.ListPortsAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task An_allocation_that_lost_the_race_for_a_port_takes_the_next_free_one()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        var paused = nodes.StoreB.PauseNextWrite("tunnelindex", ITunnelIndexGrain.DefaultKey, "index");
        var onB = nodes.B.TunnelIndex.AllocatePortAsync("agent-b", "rtsp", CancellationToken.None);
        var firstPick = TwoNodes.Parse<TunnelIndexState>(await Wait.For(paused.Arrived)).Ports.Single().Port;

        // While B's write is held, A gives the same lowest free port to its own target and writes it.
        var onA = await Wait.For(nodes.A.TunnelIndex.AllocatePortAsync("agent-a", "rtsp", CancellationToken.None));
        Assert.Equal(firstPick, onA);
        paused.Release();
        var port = await Wait.For(onB);

        Assert.Equal(onA + 1, port);
        Assert.Equal(1, nodes.StoreB.Conflicts);
        TunnelPortAssignment[] expected = [new(onA, "agent-a", "rtsp"), new(port, "agent-b", "rtsp")];
        Assert.Equal(expected, await Wait.For(nodes.A.TunnelIndex.ListPortsAsync(CancellationToken.None)));
        Assert.Equal(expected, await Wait.For(nodes.B.TunnelIndex.ListPortsAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_pair_keeps_its_port_whichever_node_asks()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        Assert.Empty(await Wait.For(nodes.B.TunnelIndex.ListPortsAsync(CancellationToken.None)));

        var onA = await Wait.For(nodes.A.TunnelIndex.AllocatePortAsync("agent-a", "rtsp", CancellationToken.None));
        var onB = await Wait.For(nodes.B.TunnelIndex.AllocatePortAsync("agent-a", "rtsp", CancellationToken.None));

        Assert.Equal(onA, onB);
        Assert.Equal([new TunnelPortAssignment(onA, "agent-a", "rtsp")], await Wait.For(nodes.B.TunnelIndex.ListPortsAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task The_agent_list_and_port_table_read_on_one_node_show_what_the_other_node_changed()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        Assert.Empty(await Wait.For(nodes.B.TunnelIndex.ListAsync(0, 10, CancellationToken.None)));
        Assert.Empty(await Wait.For(nodes.B.TunnelIndex.ListPortsAsync(CancellationToken.None)));

        Assert.True(await Wait.For(nodes.A.TunnelIndex.AddAsync("agent-a", CancellationToken.None)));
        var port = await Wait.For(nodes.A.TunnelIndex.AllocatePortAsync("agent-a", "rtsp", CancellationToken.None));

        Assert.Equal(["agent-a"], await Wait.For(nodes.B.TunnelIndex.ListAsync(0, 10, CancellationToken.None)));
        Assert.Equal(1, await Wait.For(nodes.B.TunnelIndex.CountAsync(CancellationToken.None)));
        Assert.Equal([new TunnelPortAssignment(port, "agent-a", "rtsp")], await Wait.For(nodes.B.TunnelIndex.ListPortsAsync(CancellationToken.None)));
        Assert.False(await Wait.For(nodes.B.TunnelIndex.AddAsync("agent-a", CancellationToken.None)));

        // B's removals reach what A wrote, though B's activation added nothing itself.
        await Wait.For(nodes.B.TunnelIndex.ReleasePortsAsync("agent-a", [], CancellationToken.None));
        await Wait.For(nodes.B.TunnelIndex.RemoveAsync("agent-a", CancellationToken.None));

        Assert.Empty(await Wait.For(nodes.A.TunnelIndex.ListAsync(0, 10, CancellationToken.None)));
        Assert.Empty(await Wait.For(nodes.A.TunnelIndex.ListPortsAsync(CancellationToken.None)));
    }
}
