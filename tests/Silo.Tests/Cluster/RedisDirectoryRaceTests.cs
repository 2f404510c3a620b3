using CameraCloud.Cluster;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage.Redis;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>Two nodes claiming the same devices at once: exactly one wins each, the other learns it lost, once.</summary>
public sealed class RedisDirectoryRaceTests : IAsyncLifetime
{
    private RedisServer _server = null!;
    private RedisClusterNode _a = null!;
    private RedisClusterNode _b = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _a = await RedisClusterNode.StartAsync(_server, "node-a");
        _b = await RedisClusterNode.StartAsync(_server, "node-b");
    }

    public async Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Both_nodes_claiming_each_of_many_devices_at_once_exactly_one_wins_each_and_the_loser_is_fenced_once()
    {
        const int devices = 100;
        var claims = new List<(DeviceKey Device, RedisClusterNode Node, FencingProbe Probe, Task<DeviceLease> Lease)>();
        foreach (int i in Enumerable.Range(0, devices))
        {
            DeviceKey device = DeviceKey.Camera($"race-{i}");
            foreach (RedisClusterNode node in i % 2 == 0 ? new[] { _a, _b } : [_b, _a])
            {
                var probe = new FencingProbe();
                claims.Add((device, node, probe, node.Directory.ClaimAsync(device, probe.OnFenced, default)));
            }
        }

        DeviceLease[] leases = await Wait.For(Task.WhenAll(claims.Select(c => c.Lease)));
        var done = claims.Select((c, i) => (c.Device, c.Node, c.Probe, Lease: leases[i])).ToList();

        foreach (var pair in done.GroupBy(c => c.Device))
        {
            var winner = pair.MaxBy(c => c.Lease.Epoch);
            var loser = pair.MinBy(c => c.Lease.Epoch);
            Assert.Equal([1L, 2L], pair.Select(c => c.Lease.Epoch).Order());
            Assert.Equal(new DeviceOwner(winner.Node.NodeId, 2), await _a.Directory.LookupAsync(pair.Key, default));
            DeviceFencing fencing = await Wait.For(loser.Probe.First);
            Assert.Equal(new DeviceFencing(pair.Key, 1, new DeviceOwner(winner.Node.NodeId, 2)), fencing);
            Assert.True(loser.Lease.IsFenced);
            Assert.False(winner.Lease.IsFenced);
        }

        // The renewal fallback finds nothing more to fence, and only the winners are still renewed.
        Assert.True((await _a.Directory.RenewLeasesAsync(default)).Succeeded);
        Assert.True((await _b.Directory.RenewLeasesAsync(default)).Succeeded);
        Assert.All(done, c => Assert.Equal(c.Lease.IsFenced ? 1 : 0, c.Probe.Calls));
        Assert.Equal(devices, _a.Directory.LiveLeaseCount + _b.Directory.LiveLeaseCount);
    }

    [Fact]
    public async Task Many_claims_of_one_device_from_both_nodes_give_distinct_epochs_and_exactly_one_node_keeps_it()
    {
        const int perNode = 50;
        DeviceKey device = DeviceKey.Agent("contended");
        var pending = Enumerable.Range(0, perNode * 2)
            .Select(i => i % 2 == 0 ? _a : _b)
            .Select(node => (Node: node, Probe: new FencingProbe()))
            .Select(c => (c.Node, c.Probe, Lease: c.Node.Directory.ClaimAsync(device, c.Probe.OnFenced, default)))
            .ToList();

        DeviceLease[] leases = await Wait.For(Task.WhenAll(pending.Select(c => c.Lease)));
        var claims = pending.Select((c, i) => (c.Node, c.Probe, Lease: leases[i])).ToList();
        // Whatever the claims channel delivered late or not at all, a renewal round settles it.
        await _a.Directory.RenewLeasesAsync(default);
        await _b.Directory.RenewLeasesAsync(default);

        Assert.Equal(Enumerable.Range(1, perNode * 2).Select(i => (long)i), claims.Select(c => c.Lease.Epoch).Order());
        var winner = claims.MaxBy(c => c.Lease.Epoch);
        RedisClusterNode loserNode = winner.Node == _a ? _b : _a;
        Assert.Equal(new DeviceOwner(winner.Node.NodeId, perNode * 2), await _b.Directory.LookupAsync(device, default));
        Assert.False(winner.Lease.IsFenced);
        Assert.Equal(0, winner.Probe.Calls);

        // The losing node's newest claim lost to the other node; its older ones lost to it or to the other node.
        var loserNewest = claims.Where(c => c.Node == loserNode).MaxBy(c => c.Lease.Epoch);
        Assert.True(loserNewest.Lease.IsFenced);
        await Wait.For(loserNewest.Probe.First);
        Assert.Equal(1, winner.Node.Directory.LiveLeaseCount);
        Assert.Equal(0, loserNode.Directory.LiveLeaseCount);
        foreach (var claim in claims.Where(c => c.Lease.IsFenced))
        {
            DeviceFencing fencing = await Wait.For(claim.Probe.First);
            Assert.NotEqual(claim.Node.NodeId, fencing.NewOwner.NodeId);
            Assert.True(fencing.NewOwner.Epoch > fencing.LostEpoch);
            Assert.Equal(1, claim.Probe.Calls);
        }

        Assert.All(claims.Where(c => !c.Lease.IsFenced), c => Assert.Equal(0, c.Probe.Calls));
    }
}
