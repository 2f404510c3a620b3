using CameraCloud.Cluster;
using CameraCloud.Silo.Cluster.Redis;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage.Redis;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>Claims, lookups, releases and lapses of the Redis directory, and its layout in Redis.</summary>
public sealed class RedisDirectoryLeaseTests : IAsyncLifetime
{
    private const string Key = "cameracloud:device:camera:0800c0a1b2c3";
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
    public async Task A_device_nobody_claimed_has_no_owner()
    {
        Assert.Null(await _a.Directory.LookupAsync(Device, default));
        Assert.Equal("0", await _server.CommandAsync("DBSIZE"));
    }

    [Fact]
    public async Task A_claim_is_one_hash_with_node_epoch_and_a_server_clock_expiry_under_the_documented_key()
    {
        long before = await RedisMillisecondsAsync();
        DeviceLease lease = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        long after = await RedisMillisecondsAsync();

        Assert.Equal(1, lease.Epoch);
        Assert.Equal("node-a", lease.NodeId);
        Assert.Equal(Device, lease.Device);
        Assert.Equal("hash", await _server.CommandAsync("TYPE", Key));
        Assert.Equal("node-a\n1", await _server.CommandAsync("HMGET", Key, "node", "epoch"));
        long expires = long.Parse(await _server.CommandAsync("HGET", Key, "expires"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, before + 600_000, after + 600_000);
        Assert.Equal("-1", await _server.CommandAsync("TTL", Key));
        Assert.Equal(new DeviceOwner("node-a", 1), await _b.Directory.LookupAsync(Device, default));
    }

    [Fact]
    public async Task Agents_and_cameras_with_the_same_id_are_different_devices()
    {
        await _a.Directory.ClaimAsync(DeviceKey.Agent("x"), new FencingProbe().OnFenced, default);
        await _b.Directory.ClaimAsync(DeviceKey.Camera("X"), new FencingProbe().OnFenced, default);

        Assert.Equal(new DeviceOwner("node-a", 1), await _a.Directory.LookupAsync(DeviceKey.Agent("x"), default));
        Assert.Equal(new DeviceOwner("node-b", 1), await _a.Directory.LookupAsync(DeviceKey.Camera("x"), default));
        Assert.Equal("node-a", await _server.CommandAsync("HGET", "cameracloud:device:agent:x", "node"));
        Assert.Equal("node-b", await _server.CommandAsync("HGET", "cameracloud:device:camera:x", "node"));
    }

    [Fact]
    public async Task Release_ends_the_lease_and_keeps_the_epoch_so_the_next_claim_is_higher()
    {
        DeviceLease lease = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);

        await lease.DisposeAsync();

        Assert.Null(await _b.Directory.LookupAsync(Device, default));
        Assert.Equal("node-a\n1\n0", await _server.CommandAsync("HMGET", Key, "node", "epoch", "expires"));
        Assert.Equal(0, _a.Directory.LiveLeaseCount);
        DeviceLease next = await _b.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        Assert.Equal(2, next.Epoch);
    }

    [Fact]
    public async Task Release_by_a_superseded_lease_leaves_the_new_owner_in_place()
    {
        DeviceLease old = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        DeviceLease current = await _b.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);

        await old.DisposeAsync();

        Assert.Equal(new DeviceOwner("node-b", current.Epoch), await _a.Directory.LookupAsync(Device, default));
        Assert.True((await _b.Directory.RenewLeasesAsync(default)) is { Succeeded: true, Renewed: 1 });
        Assert.False(current.IsFenced);
    }

    [Fact]
    public async Task Release_by_an_older_lease_of_the_same_node_leaves_the_newer_one_in_place()
    {
        DeviceLease old = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        DeviceLease current = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);

        await old.DisposeAsync();

        Assert.Equal(new DeviceOwner("node-a", current.Epoch), await _b.Directory.LookupAsync(Device, default));
        Assert.Equal(1, _a.Directory.LiveLeaseCount);
    }

    [Fact]
    public async Task Disposing_twice_releases_once()
    {
        DeviceLease old = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        await old.DisposeAsync();
        DeviceLease current = await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);

        await old.DisposeAsync();

        Assert.Equal(new DeviceOwner("node-a", current.Epoch), await _b.Directory.LookupAsync(Device, default));
    }

    [Fact]
    public async Task A_lease_nobody_renews_lapses_by_the_redis_clock_and_the_epoch_survives_it()
    {
        using RedisClusterNode shortLived = await RedisClusterNode.StartAsync(
            // Short enough to pass within the test, long enough that the lookup right after the last renewal is
            // inside the lease even on a loaded machine.
            _server, "node-c", o => o.LeaseDuration = TimeSpan.FromSeconds(2));
        DeviceLease lease = await shortLived.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        Assert.Equal(new DeviceOwner("node-c", lease.Epoch), await _a.Directory.LookupAsync(Device, default));

        // Expiry is the signal: Redis' own clock decides, so the test looks until it has passed (bounded).
        await Wait.For(UntilAsync(async () => await _a.Directory.LookupAsync(Device, default) is null));

        Assert.Equal("node-c", await _server.CommandAsync("HGET", Key, "node"));
        Assert.False(lease.IsFenced);
        Assert.Equal(lease.Epoch + 1, (await _a.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default)).Epoch);
    }

    [Fact]
    public async Task Renewal_keeps_a_short_lease_alive_past_its_duration()
    {
        using RedisClusterNode shortLived = await RedisClusterNode.StartAsync(
            // Short enough to pass within the test, long enough that the lookup right after the last renewal is
            // inside the lease even on a loaded machine.
            _server, "node-c", o => o.LeaseDuration = TimeSpan.FromSeconds(2));
        DeviceLease lease = await shortLived.Directory.ClaimAsync(Device, new FencingProbe().OnFenced, default);
        long firstExpiry = long.Parse(await _server.CommandAsync("HGET", Key, "expires"), System.Globalization.CultureInfo.InvariantCulture);

        // Renew until Redis' clock has passed the first expiry; the lease must still be live.
        await Wait.For(UntilAsync(async () =>
        {
            Assert.Equal(new RenewalRound(true, 1, 0, 0), await shortLived.Directory.RenewLeasesAsync(default));
            return await RedisMillisecondsAsync() > firstExpiry;
        }));

        Assert.Equal(new DeviceOwner("node-c", lease.Epoch), await _a.Directory.LookupAsync(Device, default));
    }

    [Fact]
    public async Task Renewal_covers_more_leases_than_one_script_takes()
    {
        int count = RedisDeviceDirectory.RenewalChunk * 2 + 3;
        // Claimed 16 at a time, as devices arrive: a thousand at once would only test the client's queue under
        // the per-call bound.
        var leases = new DeviceLease[count];
        await Wait.For(Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, token) => leases[i] = await _a.Directory.ClaimAsync(DeviceKey.Agent($"agent-{i}"), new FencingProbe().OnFenced, token)));
        await _server.CommandAsync("DEL", "cameracloud:device:agent:agent-0", $"cameracloud:device:agent:agent-{count - 1}");

        RenewalRound round = await _a.Directory.RenewLeasesAsync(default);

        Assert.Equal(new RenewalRound(true, count - 2, 2, 0), round);
        Assert.Equal(count, _a.Directory.LiveLeaseCount);
        Assert.Equal(new DeviceOwner("node-a", leases[^1].Epoch), await _b.Directory.LookupAsync(DeviceKey.Agent($"agent-{count - 1}"), default));
    }

    [Fact]
    public async Task A_claim_publishes_epoch_node_and_device_on_the_claims_channel()
    {
        using var subscriber = new System.Net.Sockets.TcpClient();
        await subscriber.ConnectAsync(System.Net.IPAddress.Loopback, _server.Port);
        await using var stream = subscriber.GetStream();
        await stream.WriteAsync("SUBSCRIBE cameracloud:directory:claims\r\n"u8.ToArray());
        await Wait.For(ReadUntilAsync(stream, "cameracloud:directory:claims\r\n:1\r\n"));

        await _a.Directory.ClaimAsync(DeviceKey.Agent("my agent"), new FencingProbe().OnFenced, default);

        await Wait.For(ReadUntilAsync(stream, "\r\n1 node-a agent/my agent\r\n"));
    }

    internal static async Task UntilAsync(Func<Task<bool>> condition)
    {
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private static async Task ReadUntilAsync(System.Net.Sockets.NetworkStream stream, string expected)
    {
        var seen = new System.Text.StringBuilder();
        var buffer = new byte[256];
        while (!seen.ToString().Contains(expected, StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException($"redis-server closed the subscription; seen: {seen}");
            }

            seen.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        }
    }

    private async Task<long> RedisMillisecondsAsync()
    {
        string[] time = (await _server.CommandAsync("TIME")).Split('\n');
        return (long.Parse(time[0], System.Globalization.CultureInfo.InvariantCulture) * 1000)
            + (long.Parse(time[1], System.Globalization.CultureInfo.InvariantCulture) / 1000);
    }
}
