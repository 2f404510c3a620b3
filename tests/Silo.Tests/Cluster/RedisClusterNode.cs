using CameraCloud.Silo.Cluster;
using CameraCloud.Silo.Cluster.Redis;
using CameraCloud.Silo.Storage.Redis;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage.Redis;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>
/// One node's directory and membership against a real redis-server, on a connection of its own, built directly
/// (no host): the test drives renewal and heartbeat rounds itself. Its logs are recorded.
/// </summary>
internal sealed class RedisClusterNode : IDisposable
{
    private RedisClusterNode(RedisConnection connection, ClusterOptions options, TimeProvider time)
    {
        Connection = connection;
        Options = options;
        Node = new LocalNode(Microsoft.Extensions.Options.Options.Create(options), time);
        Directory = new RedisDeviceDirectory(connection, Node, Microsoft.Extensions.Options.Options.Create(options), DirectoryLog);
        Membership = new RedisClusterMembership(connection, Node, Microsoft.Extensions.Options.Options.Create(options), time, MembershipLog);
    }

    public RedisConnection Connection { get; }

    public ClusterOptions Options { get; }

    public LocalNode Node { get; }

    public string NodeId => Node.NodeId;

    public RedisDeviceDirectory Directory { get; }

    public RedisClusterMembership Membership { get; }

    public LogRecorder<RedisDeviceDirectory> DirectoryLog { get; } = new();

    public LogRecorder<RedisClusterMembership> MembershipLog { get; } = new();

    /// <summary>A node with a 10-minute lease unless <paramref name="configure"/> says otherwise, subscribed to claims.</summary>
    public static async Task<RedisClusterNode> StartAsync(
        RedisServer server, string nodeId, Action<ClusterOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new ClusterOptions
        {
            NodeId = nodeId,
            AdvertiseAddress = $"http://{nodeId}.test:8080",
            LeaseDuration = TimeSpan.FromMinutes(10),
        };
        configure?.Invoke(options);
        options.ApplyDefaults(nodeId);
        RedisConnection connection = await RedisStorageFactory.ConnectAsync(server);
        try
        {
            var node = new RedisClusterNode(connection, options, time ?? TimeProvider.System);
            await node.Directory.SubscribeAsync(default).WaitAsync(Wait.Timeout);
            return node;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose() => Connection.Dispose();
}
