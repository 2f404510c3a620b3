using System.Collections.Concurrent;
using CameraCloud.Cluster;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>Live nodes as plain data: this node, and the others a test adds.</summary>
internal sealed class InTestMembership(string selfId, string internalKey = InTestMembership.DefaultKey) : IClusterMembership
{
    public const string DefaultKey = "0123456789abcdef0123456789abcdef";

    // Nothing reaches this node through its own advertisement in these tests; the address is only displayed.
    private static readonly Uri UnusedAddress = new("http://127.0.0.1:9/");

    private readonly ConcurrentDictionary<string, ClusterNode> _others = new(StringComparer.Ordinal);

    public ClusterNode Self { get; } = Node(selfId, UnusedAddress);

    public string InternalKey { get; } = internalKey;

    public IReadOnlyList<ClusterNode> LiveNodes => [.. _others.Values, Self];

    public static ClusterNode Node(string nodeId, Uri address) =>
        new(nodeId, address, ClusterRoles.All, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public ClusterNode AddLive(string nodeId, Uri address)
    {
        var node = Node(nodeId, address);
        _others[nodeId] = node;
        return node;
    }

    public ClusterNode? FindLive(string nodeId) =>
        nodeId == Self.NodeId ? Self : _others.GetValueOrDefault(nodeId);
}
