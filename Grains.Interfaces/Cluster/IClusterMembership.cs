namespace CameraCloud.Cluster;

/// <summary>
/// The live nodes: each node heartbeats its advertisement; a node whose heartbeats stop is dropped after the
/// expiry. On one node (no shared store) the only member is this node.
/// </summary>
public interface IClusterMembership
{
    /// <summary>This node.</summary>
    ClusterNode Self { get; }

    /// <summary>
    /// A secret every node of the cluster shares (kept in the shared store), required on node-to-node endpoints,
    /// so that clients cannot call them directly.
    /// </summary>
    string InternalKey { get; }

    /// <summary>The live nodes as of the latest heartbeat round, this node included.</summary>
    IReadOnlyList<ClusterNode> LiveNodes { get; }

    /// <summary>A live node by id, or null when it is unknown or expired.</summary>
    ClusterNode? FindLive(string nodeId);
}
