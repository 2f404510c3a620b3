using CameraCloud.Cluster;
using CameraCloud.Silo.Cluster;
using CameraCloud.Silo.Cluster.Redis;
using CameraCloud.Silo.Storage.Redis;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage.Redis;
using CameraCloud.Silo.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary><c>AddCluster</c> in a started host: the provider Storage:Provider picks, the address, the loops.</summary>
public sealed class ClusterHostTests
{
    [Fact]
    public async Task An_embedded_node_gets_the_in_process_directory_and_itself_as_the_only_member_at_its_bound_port()
    {
        await using WebApplication app = Web("--urls=http://127.0.0.1:0", "--Cluster:NodeId=web-1");
        await app.StartAsync().WaitAsync(Wait.Timeout);
        try
        {
            IClusterMembership membership = app.Services.GetRequiredService<IClusterMembership>();

            Assert.IsType<LocalDeviceDirectory>(app.Services.GetRequiredService<IDeviceDirectory>());
            Assert.IsType<SingleNodeMembership>(membership);
            Assert.Equal(new Uri(app.Urls.Single()), membership.Self.InternalAddress);
            Assert.NotEqual(0, membership.Self.InternalAddress.Port);
            Assert.Equal(["web-1"], membership.LiveNodes.Select(n => n.NodeId));
        }
        finally
        {
            await app.StopAsync().WaitAsync(Wait.Timeout);
        }
    }

    [Fact]
    public async Task A_host_without_a_server_takes_the_port_of_the_configured_urls_and_a_dialable_host()
    {
        using IHost host = Generic("--urls=http://0.0.0.0:5123");
        await host.StartAsync().WaitAsync(Wait.Timeout);

        Uri address = host.Services.GetRequiredService<IClusterMembership>().Self.InternalAddress;

        Assert.Equal(5123, address.Port);
        Assert.NotEqual("0.0.0.0", address.Host);
        await host.StopAsync().WaitAsync(Wait.Timeout);
    }

    [Fact]
    public async Task A_configured_advertise_address_is_used_as_given()
    {
        using IHost host = Generic("--Cluster:AdvertiseAddress=http://gw-1.internal:8080");
        await host.StartAsync().WaitAsync(Wait.Timeout);

        Assert.Equal(new Uri("http://gw-1.internal:8080/"), host.Services.GetRequiredService<IClusterMembership>().Self.InternalAddress);
        await host.StopAsync().WaitAsync(Wait.Timeout);
    }

    [Fact]
    public async Task A_bad_cluster_setting_fails_the_start_naming_the_key()
    {
        using IHost host = Generic("--Cluster:Roles:0=storage");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(Wait.Timeout));

        Assert.Contains("Cluster:Roles has an unknown role 'storage'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_nodes_share_one_connection_heartbeat_to_each_other_and_a_stopped_node_leaves()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        string[] shared = ["--Storage:Provider=Redis", $"--Storage:Redis={redis.ConnectionString}", "--Cluster:HeartbeatInterval=00:00:00.100", "--Cluster:NodeExpiry=00:00:05"];
        using IHost first = Generic([.. shared, "--Cluster:NodeId=first", "--Cluster:AdvertiseAddress=http://first:1"]);
        using IHost second = Generic([.. shared, "--Cluster:NodeId=second", "--Cluster:AdvertiseAddress=http://second:1"]);
        await first.StartAsync().WaitAsync(Wait.Timeout);
        await second.StartAsync().WaitAsync(Wait.Timeout);
        var membership = first.Services.GetRequiredService<IClusterMembership>();

        Assert.IsType<RedisDeviceDirectory>(first.Services.GetRequiredService<IDeviceDirectory>());
        Assert.IsType<RedisClusterMembership>(membership);
        Assert.Single(first.Services.GetServices<RedisConnection>());
        // The heartbeat loops run on the system clock; each round is the signal, looked at until both are in.
        await Wait.For(RedisDirectoryLeaseTests.UntilAsync(() => Task.FromResult(membership.LiveNodes.Count == 2)));
        Assert.Equal(membership.InternalKey, second.Services.GetRequiredService<IClusterMembership>().InternalKey);

        await second.StopAsync().WaitAsync(Wait.Timeout);

        Assert.Equal("0", await redis.CommandAsync("EXISTS", "cameracloud:node:second"));
        await Wait.For(RedisDirectoryLeaseTests.UntilAsync(() => Task.FromResult(membership.FindLive("second") is null)));
        await first.StopAsync().WaitAsync(Wait.Timeout);
        Assert.Equal("0", await redis.CommandAsync("EXISTS", "cameracloud:nodes"));
    }

    [Fact]
    public async Task Redis_nodes_fence_each_others_leases_through_the_hosted_directory()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        string[] shared = ["--Storage:Provider=Redis", $"--Storage:Redis={redis.ConnectionString}", "--Cluster:AdvertiseAddress=http://x:1"];
        using IHost first = Generic([.. shared, "--Cluster:NodeId=first"]);
        using IHost second = Generic([.. shared, "--Cluster:NodeId=second"]);
        await first.StartAsync().WaitAsync(Wait.Timeout);
        await second.StartAsync().WaitAsync(Wait.Timeout);
        var probe = new FencingProbe();

        DeviceLease lease = await first.Services.GetRequiredService<IDeviceDirectory>().ClaimAsync(DeviceKey.Agent("a1"), probe.OnFenced, default);
        DeviceLease taken = await second.Services.GetRequiredService<IDeviceDirectory>().ClaimAsync(DeviceKey.Agent("a1"), new FencingProbe().OnFenced, default);

        Assert.Equal(new DeviceOwner("second", taken.Epoch), (await Wait.For(probe.First)).NewOwner);
        Assert.True(lease.IsFenced);
        await second.StopAsync().WaitAsync(Wait.Timeout);
        await first.StopAsync().WaitAsync(Wait.Timeout);
    }

    [Fact]
    public async Task An_unreachable_redis_fails_the_start_with_the_storage_message()
    {
        int port = CameraCloud.V720.Simulator.LoopbackPorts.Tcp();
        using IHost host = Generic("--Storage:Provider=Redis", $"--Storage:Redis=127.0.0.1:{port},abortConnect=false");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.StartsWith($"Storage:Redis '127.0.0.1:{port}' is unreachable: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_grain_storage_one_redis_connection_serves_both_and_connects_before_the_cluster_starts()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("Storage:Provider", (string?)"Redis"), KeyValuePair.Create("Storage:Redis", (string?)"127.0.0.1:1")])
            .Build();
        var services = new ServiceCollection().AddLogging();

        services.AddGrainRuntime(configuration);
        services.AddCluster(configuration);

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType).ToList();
        Assert.Single(hosted, type => type == typeof(RedisConnectionStartup));
        Assert.True(hosted.IndexOf(typeof(RedisConnectionStartup)) < hosted.IndexOf(typeof(RedisMembershipService)));
        Assert.True(hosted.IndexOf(typeof(RedisConnectionStartup)) < hosted.IndexOf(typeof(RedisDirectoryService)));
        Assert.Single(services, d => d.ServiceType == typeof(RedisConnection));
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<RedisConnection>(), provider.GetRequiredService<RedisConnection>());
        Assert.IsType<CameraCloud.Silo.Storage.Redis.RedisGrainStorage>(provider.GetRequiredService<CameraCloud.Silo.Storage.IGrainStorage>());
    }

    private static WebApplication Web(params string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.Services.AddCluster(builder.Configuration);
        return builder.Build();
    }

    private static IHost Generic(params string[] args)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders();
        builder.Services.AddCluster(builder.Configuration);
        return builder.Build();
    }
}
