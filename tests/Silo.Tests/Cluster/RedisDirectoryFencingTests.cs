using CameraCloud.Cluster;
using CameraCloud.Silo.Cluster;
using CameraCloud.Silo.Cluster.Redis;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage.Redis;
using CameraCloud.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>How a lease learns that another node took its device: the claims channel at once, renewal as the fallback.</summary>
public sealed class RedisDirectoryFencingTests : IAsyncLifetime
{
    private static readonly DeviceKey Device = DeviceKey.Camera("0800C0A1B2C3");

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
    public async Task A_claim_elsewhere_fences_the_lease_through_the_claims_channel_without_a_renewal_round()
    {
        // Ten-minute leases and no renewal loop: only the claims channel can tell node A.
        var probe = new FencingProbe();
        DeviceLease first = await _a.Directory.ClaimAsync(Device, probe.OnFenced, default);

        DeviceLease second = await _b.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);

        DeviceFencing fencing = await Wait.For(probe.First);
        Assert.Equal(new DeviceFencing(Device, first.Epoch, new DeviceOwner("node-b", second.Epoch)), fencing);
        Assert.Equal(first.Epoch + 1, second.Epoch);
        Assert.True(first.IsFenced);
        Assert.False(second.IsFenced);
        Assert.Equal(0, _a.Directory.LiveLeaseCount);
        Assert.Contains(_a.DirectoryLog.Messages("DirectoryDeviceFenced"), m => m.Contains("learnt from the claims channel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_the_channel_missed_fences_the_lease_at_the_next_renewal_round_of_the_loop()
    {
        var time = new ManualTimeProvider();
        using RedisClusterNode a = await RedisClusterNode.StartAsync(_server, "node-c", o => o.LeaseDuration = TimeSpan.FromSeconds(30), time);
        var probe = new FencingProbe();
        DeviceLease lease = await a.Directory.ClaimAsync(Device, probe.OnFenced, default);
        // Another node's claim written straight into Redis, not published: as if the message was lost.
        await _server.CommandAsync("HSET", "cameracloud:device:camera:0800c0a1b2c3", "node", "node-z", "epoch", $"{lease.Epoch + 5}");
        var service = new RedisDirectoryService(
            a.Directory, Options.Create(a.Options), time, NullLogger<RedisDirectoryService>.Instance);
        await service.StartAsync(default);
        try
        {
            Assert.False(probe.First.IsCompleted);
            time.Advance(a.Options.RenewalInterval);

            DeviceFencing fencing = await Wait.For(probe.First);

            Assert.Equal(new DeviceFencing(Device, lease.Epoch, new DeviceOwner("node-z", lease.Epoch + 5)), fencing);
            Assert.True(lease.IsFenced);
            Assert.Contains(a.DirectoryLog.Messages("DirectoryDeviceFenced"), m => m.Contains("learnt from lease renewal", StringComparison.Ordinal));
        }
        finally
        {
            await service.StopAsync(default);
            service.Dispose();
        }
    }

    [Fact]
    public async Task Fencing_seen_on_both_paths_runs_the_callback_once()
    {
        var probe = new FencingProbe();
        DeviceLease first = await _a.Directory.ClaimAsync(Device, probe.OnFenced, default);
        await _b.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        await Wait.For(probe.First);

        // The lease is no longer renewed, so renewal does not report it again; nor does a later claim's message.
        await _a.Directory.RenewLeasesAsync(default);
        var later = new FencingProbe();
        await _b.Directory.ClaimAsync(Device, later.OnFenced, default);
        await _a.Directory.RenewLeasesAsync(default);

        Assert.Equal(1, probe.Calls);
        Assert.True(first.IsFenced);
    }

    [Fact]
    public async Task A_newer_claim_on_the_same_node_does_not_fence_the_older_lease()
    {
        var older = new FencingProbe();
        DeviceLease first = await _a.Directory.ClaimAsync(Device, older.OnFenced, default);

        DeviceLease second = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        RenewalRound round = await _a.Directory.RenewLeasesAsync(default);

        Assert.Equal(first.Epoch + 1, second.Epoch);
        Assert.False(first.IsFenced);
        Assert.Equal(0, older.Calls);
        Assert.Equal(new RenewalRound(true, 1, 0, 0), round);
        Assert.Equal(new DeviceOwner("node-a", second.Epoch), await _b.Directory.LookupAsync(Device, default));
    }

    [Fact]
    public async Task A_lease_disposed_before_its_fencing_arrives_never_calls_back()
    {
        var probe = new FencingProbe();
        DeviceLease first = await _a.Directory.ClaimAsync(Device, probe.OnFenced, default);
        await first.DisposeAsync();

        await _b.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        await _a.Directory.RenewLeasesAsync(default);
        // A later fencing of another lease on node A proves the claims channel delivered everything before it.
        var marker = new FencingProbe();
        DeviceKey other = DeviceKey.Agent("marker");
        await _a.Directory.ClaimAsync(other, marker.OnFenced, default);
        await _b.Directory.ClaimAsync(other, new FencingProbe().OnFenced, default);
        await Wait.For(marker.First);

        Assert.Equal(0, probe.Calls);
        Assert.False(first.IsFenced);
    }

    [Fact]
    public async Task A_callback_that_throws_is_logged_and_the_directory_carries_on()
    {
        DeviceLease first = await _a.Directory.ClaimAsync(Device, _ => throw new InvalidOperationException("session already gone"), default);
        var marker = new FencingProbe();
        DeviceKey other = DeviceKey.Agent("marker");
        await _a.Directory.ClaimAsync(other, marker.OnFenced, default);

        await _b.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        await _b.Directory.ClaimAsync(other, new FencingProbe().OnFenced, default);
        await Wait.For(marker.First);

        Assert.True(first.IsFenced);
        await Wait.For(_a.DirectoryLog.WaitForAsync("DirectoryFencedCallbackFailed"));
        Assert.Single(_a.DirectoryLog.Messages("DirectoryFencedCallbackFailed"));
    }

    [Fact]
    public async Task A_claims_channel_message_that_is_not_a_claim_is_logged_and_ignored()
    {
        var probe = new FencingProbe();
        DeviceLease lease = await _a.Directory.ClaimAsync(Device, probe.OnFenced, default);

        foreach (string garbage in new[] { "", "x", "7", "7 node-b", "seven node-b camera/0800c0a1b2c3", "9 node-b printer/1", "9  camera/0800c0a1b2c3" })
        {
            await _server.CommandAsync("PUBLISH", RedisDeviceDirectory.ClaimsChannel, garbage);
        }

        // Messages arrive in order: once this claim's fencing is in, all the garbage before it was read.
        var marker = new FencingProbe();
        DeviceKey other = DeviceKey.Agent("marker");
        await _a.Directory.ClaimAsync(other, marker.OnFenced, default);
        await _b.Directory.ClaimAsync(other, new FencingProbe().OnFenced, default);
        await Wait.For(marker.First);

        Assert.False(lease.IsFenced);
        Assert.Equal(7, _a.DirectoryLog.Messages("DirectoryClaimNoticeUnreadable").Count);
        Assert.Equal(new DeviceOwner("node-a", lease.Epoch), await _b.Directory.LookupAsync(Device, default));
    }
}
