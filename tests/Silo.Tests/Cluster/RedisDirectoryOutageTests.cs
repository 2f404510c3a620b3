using CameraCloud.Cluster;
using CameraCloud.Silo.Cluster.Redis;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage.Redis;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>Redis going away and coming back empty: leases are kept, not fenced, and restored.</summary>
public sealed class RedisDirectoryOutageTests : IAsyncLifetime
{
    private const string Key = "cameracloud:device:camera:0800c0a1b2c3";
    private static readonly DeviceKey Device = DeviceKey.Camera("0800c0a1b2c3");

    private RedisServer _server = null!;
    private RedisClusterNode _a = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _a = await RedisClusterNode.StartAsync(_server, "node-a");
    }

    public async Task DisposeAsync()
    {
        _a.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Claims_and_lookups_fail_as_unavailable_within_the_call_bound_while_redis_is_down()
    {
        await _server.StopAsync();

        var claim = await Assert.ThrowsAsync<DirectoryUnavailableException>(
            () => _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default).WaitAsync(Wait.Timeout));
        var lookup = await Assert.ThrowsAsync<DirectoryUnavailableException>(
            () => _a.Directory.LookupAsync(Device, default).WaitAsync(Wait.Timeout));

        Assert.Contains($"The device directory on Redis {_server.EndPoint} could not claim camera/0800c0a1b2c3", claim.Message, StringComparison.Ordinal);
        Assert.Contains("could not look up camera/0800c0a1b2c3", lookup.Message, StringComparison.Ordinal);
        Assert.Equal(0, _a.Directory.LiveLeaseCount);
    }

    [Fact]
    public async Task A_redis_restarted_without_its_data_gets_the_hash_back_from_the_renewal_with_the_same_epoch_and_nothing_is_fenced()
    {
        var probe = new FencingProbe();
        await _a.Directory.ClaimAsync(DeviceKey.Agent("warm-up"), new FencingProbe().OnFenced, default);
        DeviceLease lease = await _a.Directory.ClaimAsync(Device, probe.OnFenced, default);

        await _server.StopAsync();
        Assert.Equal(RenewalRound.Failed, await _a.Directory.RenewLeasesAsync(default).WaitAsync(Wait.Timeout));
        Assert.Equal(RenewalRound.Failed, await _a.Directory.RenewLeasesAsync(default).WaitAsync(Wait.Timeout));
        Assert.False(lease.IsFenced);

        await _server.StartAgainAsync();
        Assert.Equal("0", await _server.CommandAsync("DBSIZE"));
        RenewalRound round = await RenewUntilRedisAnswersAsync(_a);

        Assert.Equal(new RenewalRound(true, 0, 2, 0), round);
        Assert.Equal($"node-a\n{lease.Epoch}", await _server.CommandAsync("HMGET", Key, "node", "epoch"));
        Assert.Equal(new DeviceOwner("node-a", lease.Epoch), await _a.Directory.LookupAsync(Device, default));
        Assert.False(lease.IsFenced);
        Assert.Equal(0, probe.Calls);
        Assert.Single(_a.DirectoryLog.Messages("DirectoryRenewalFailing"));
        Assert.Single(_a.DirectoryLog.Messages("DirectoryRenewalResumed"));
        Assert.Equal(2, _a.DirectoryLog.Messages("DirectoryEntryRestored").Count);
    }

    [Fact]
    public async Task After_the_restart_a_claim_elsewhere_still_outnumbers_and_fences_the_restored_lease()
    {
        var probe = new FencingProbe();
        DeviceLease lease = await _a.Directory.ClaimAsync(Device, probe.OnFenced, default);
        await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        await _server.StopAsync();
        await _server.StartAgainAsync();
        await RenewUntilRedisAnswersAsync(_a);

        using RedisClusterNode b = await RedisClusterNode.StartAsync(_server, "node-b");
        DeviceLease elsewhere = await b.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        await _a.Directory.RenewLeasesAsync(default);

        Assert.Equal(lease.Epoch + 2, elsewhere.Epoch);
        Assert.Equal(new DeviceOwner("node-b", elsewhere.Epoch), await _a.Directory.LookupAsync(Device, default));
        Assert.Equal(0, _a.Directory.LiveLeaseCount);
        Assert.Equal(0, probe.Calls);
    }

    [Fact]
    public async Task A_claim_on_the_node_that_holds_the_device_outnumbers_its_own_lease_even_when_redis_lost_the_hash()
    {
        DeviceLease lease = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        DeviceLease held = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        await _server.CommandAsync("FLUSHALL");

        DeviceLease reconnected = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);

        Assert.Equal(held.Epoch + 1, reconnected.Epoch);
        Assert.Equal(new DeviceOwner("node-a", reconnected.Epoch), await _a.Directory.LookupAsync(Device, default));
        Assert.Equal(new RenewalRound(true, 1, 0, 0), await _a.Directory.RenewLeasesAsync(default));
        Assert.False(lease.IsFenced);
    }

    // The multiplexer reconnects on its own schedule and tells no one we could await: retry, bounded.
    private static async Task<RenewalRound> RenewUntilRedisAnswersAsync(RedisClusterNode node)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            RenewalRound round = await node.Directory.RenewLeasesAsync(deadline.Token);
            if (round.Succeeded)
            {
                return round;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
