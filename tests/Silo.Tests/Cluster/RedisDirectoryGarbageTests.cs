using CameraCloud.Cluster;
using CameraCloud.Silo.Cluster.Redis;
using CameraCloud.Silo.Tests.Storage.Redis;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>A device key the directory did not write counts as absent: reported, never thrown out of a round.</summary>
public sealed class RedisDirectoryGarbageTests : IAsyncLifetime
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

    public static TheoryData<string, string[], string> BadEntries() => new()
    {
        { "a string", ["SET", Key, "node-b"], "not a Redis hash but a string" },
        { "a list", ["RPUSH", Key, "x"], "not a Redis hash but a list" },
        { "no node", ["HSET", Key, "epoch", "3", "expires", "99999999999999"], "names no node" },
        { "a word for an epoch", ["HSET", Key, "node", "node-b", "epoch", "three", "expires", "99999999999999"], "epoch is not a number" },
        { "a negative epoch", ["HSET", Key, "node", "node-b", "epoch", "-3", "expires", "99999999999999"], "epoch is not a number" },
        { "a huge epoch", ["HSET", Key, "node", "node-b", "epoch", "12345678901234567890", "expires", "99999999999999"], "epoch is not a number" },
        { "a fraction for an expiry", ["HSET", Key, "node", "node-b", "epoch", "3", "expires", "1.5"], "expiry is not a number" },
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public async Task A_bad_entry_looks_up_as_no_owner_and_is_reported(string what, string[] plant, string problem)
    {
        await _server.CommandAsync(plant);

        DeviceOwner? owner = await _a.Directory.LookupAsync(Device, default);

        Assert.True(owner is null, what);
        string report = Assert.Single(_a.DirectoryLog.Messages("DirectoryEntryUnreadable"));
        Assert.Contains(Key, report, StringComparison.Ordinal);
        Assert.Contains(problem, report, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], long, string?> BadEntriesToClaim() => new()
    {
        { "a string", ["SET", Key, "node-b"], 1, "not a Redis hash but a string" },
        { "a list", ["RPUSH", Key, "x"], 1, "not a Redis hash but a list" },
        { "no epoch", ["HSET", Key, "node", "node-b", "expires", "99999999999999"], 1, "it has no epoch" },
        { "a word for an epoch", ["HSET", Key, "node", "node-b", "epoch", "three"], 1, "epoch is not a number" },
        { "a huge epoch", ["HSET", Key, "node", "node-b", "epoch", "12345678901234567890"], 1, "epoch is not a number" },
        // The epoch is good, so it is kept rising; what else is wrong is overwritten without a report.
        { "no node", ["HSET", Key, "epoch", "3", "expires", "99999999999999"], 4, null },
        { "a fraction for an expiry", ["HSET", Key, "node", "node-b", "epoch", "3", "expires", "1.5"], 4, null },
    };

    [Theory]
    [MemberData(nameof(BadEntriesToClaim))]
    public async Task A_claim_over_a_bad_entry_succeeds_and_replaces_it(string what, string[] plant, long epoch, string? problem)
    {
        await _server.CommandAsync(plant);

        DeviceLease lease = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);

        Assert.True(epoch == lease.Epoch, $"{what}: epoch {lease.Epoch}");
        Assert.Equal(new DeviceOwner("node-a", epoch), await _a.Directory.LookupAsync(Device, default));
        IReadOnlyList<string> reports = _a.DirectoryLog.Messages("DirectoryEntryUnreadable");
        if (problem is null)
        {
            Assert.Empty(reports);
        }
        else
        {
            Assert.Contains(problem, Assert.Single(reports), StringComparison.Ordinal);
            Assert.Contains($"claimed afresh with epoch {epoch}", reports[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_held_lease_whose_entry_turned_to_garbage_is_rewritten_by_the_renewal_and_not_fenced()
    {
        DeviceLease lease = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        await _server.CommandAsync("DEL", Key);
        await _server.CommandAsync("SET", Key, "garbage");

        RenewalRound round = await _a.Directory.RenewLeasesAsync(default);

        Assert.Equal(new RenewalRound(true, 0, 1, 0), round);
        Assert.False(lease.IsFenced);
        Assert.Equal(new DeviceOwner("node-a", lease.Epoch), await _a.Directory.LookupAsync(Device, default));
        Assert.Contains("rewritten for the lease held here", Assert.Single(_a.DirectoryLog.Messages("DirectoryEntryUnreadable")), StringComparison.Ordinal);
    }
}
