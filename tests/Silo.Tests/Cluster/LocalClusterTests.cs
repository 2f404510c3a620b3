using CameraCloud.Cluster;
using CameraCloud.Silo.Cluster;
using CameraCloud.TestSupport;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>The directory and the membership of a node on its own.</summary>
public sealed class LocalClusterTests
{
    private static readonly DeviceKey Device = DeviceKey.Camera("0800C0A1B2C3");

    private readonly ManualTimeProvider _time = new();
    private readonly LocalNode _node;

    public LocalClusterTests()
    {
        var options = new ClusterOptions { NodeId = "solo", AdvertiseAddress = "http://10.0.0.5:8080" };
        options.ApplyDefaults("unused");
        _node = new LocalNode(Options.Create(options), _time);
    }

    [Fact]
    public async Task Claims_always_succeed_with_the_next_epoch_and_name_this_node()
    {
        var directory = new LocalDeviceDirectory(_node);

        DeviceLease first = await directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        DeviceLease second = await directory.ClaimAsync(DeviceKey.Camera("0800c0a1b2c3"), new FencingProbe().OnFenced, default);
        DeviceLease other = await directory.ClaimAsync(DeviceKey.Agent("0800c0a1b2c3"), new FencingProbe().OnFenced, default);

        Assert.Equal((1, 2, 1), (first.Epoch, second.Epoch, other.Epoch));
        Assert.Equal("solo", first.NodeId);
        Assert.Equal(new DeviceOwner("solo", 2), await directory.LookupAsync(Device, default));
    }

    [Fact]
    public async Task Nothing_is_ever_fenced_not_even_by_a_later_claim()
    {
        var directory = new LocalDeviceDirectory(_node);
        var probe = new FencingProbe();

        DeviceLease first = await directory.ClaimAsync(Device, probe.OnFenced, default);
        await directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);

        Assert.False(first.IsFenced);
        Assert.Equal(0, probe.Calls);
    }

    [Fact]
    public async Task Lookup_names_the_node_while_the_latest_lease_is_held_and_nothing_after_its_release()
    {
        var directory = new LocalDeviceDirectory(_node);
        Assert.Null(await directory.LookupAsync(Device, default));
        DeviceLease older = await directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        DeviceLease latest = await directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);

        await older.DisposeAsync();
        Assert.Equal(new DeviceOwner("solo", latest.Epoch), await directory.LookupAsync(Device, default));
        await latest.DisposeAsync();
        Assert.Null(await directory.LookupAsync(Device, default));

        Assert.Equal(latest.Epoch + 1, (await directory.ClaimAsync(Device, new FencingProbe().OnFenced, default)).Epoch);
    }

    [Fact]
    public async Task A_cancelled_claim_or_lookup_does_nothing()
    {
        var directory = new LocalDeviceDirectory(_node);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.ClaimAsync(Device, new FencingProbe().OnFenced, new CancellationToken(true)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.LookupAsync(Device, new CancellationToken(true)));

        Assert.Equal(1, (await directory.ClaimAsync(Device, new FencingProbe().OnFenced, default)).Epoch);
    }

    [Fact]
    public void The_single_member_is_this_node_only()
    {
        var membership = new SingleNodeMembership(_node, _time);
        _time.Advance(TimeSpan.FromSeconds(5));

        ClusterNode self = membership.Self;

        Assert.Equal("solo", self.NodeId);
        Assert.Equal(new Uri("http://10.0.0.5:8080/"), self.InternalAddress);
        Assert.Equal(ClusterRoles.All, self.Roles);
        Assert.Equal(_node.StartedAt, self.StartedAt);
        Assert.Equal(_time.GetUtcNow(), self.LastHeartbeat);
        Assert.Equal([self], membership.LiveNodes);
        Assert.Equal(self, membership.FindLive("solo"));
        Assert.Null(membership.FindLive("SOLO"));
        Assert.Null(membership.FindLive("other"));
    }

    [Fact]
    public void The_internal_key_is_random_per_start_and_stable_while_it_runs()
    {
        var membership = new SingleNodeMembership(_node, _time);
        var restarted = new SingleNodeMembership(_node, _time);

        Assert.Matches("^[0-9a-f]{64}$", membership.InternalKey);
        Assert.Equal(membership.InternalKey, membership.InternalKey);
        Assert.NotEqual(membership.InternalKey, restarted.InternalKey);
    }

    [Fact]
    public void Without_a_configured_address_self_is_unknown_until_the_address_is_decided()
    {
        var options = new ClusterOptions { NodeId = "solo" };
        options.ApplyDefaults("unused");
        var node = new LocalNode(Options.Create(options), _time);
        var membership = new SingleNodeMembership(node, _time);

        var error = Assert.Throws<InvalidOperationException>(() => membership.Self);

        Assert.Contains("Cluster:AdvertiseAddress", error.Message, StringComparison.Ordinal);
    }
}
