using System.Security.Cryptography;
using CameraCloud.Cluster;

namespace CameraCloud.Silo.Cluster;

/// <summary>
/// The membership of a node on its own: this node is the only member, always live. The internal key is random
/// per process start, since no other node needs to share it.
/// </summary>
public sealed class SingleNodeMembership(LocalNode node, TimeProvider time) : IClusterMembership
{
    public ClusterNode Self => node.ToClusterNode(time.GetUtcNow());

    public string InternalKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public IReadOnlyList<ClusterNode> LiveNodes => [Self];

    public ClusterNode? FindLive(string nodeId) => nodeId == node.NodeId ? Self : null;
}
