using ClusterNode = CameraCloud.Cluster.ClusterNode;

namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>The live nodes as of one heartbeat round, by id; replaced whole, never changed.</summary>
internal sealed record MembershipView(IReadOnlyList<ClusterNode> Nodes, IReadOnlyDictionary<string, ClusterNode> ById)
{
    public static readonly MembershipView Empty = new([], new Dictionary<string, ClusterNode>());

    public static MembershipView Of(IEnumerable<ClusterNode> nodes)
    {
        var byId = nodes.ToDictionary(node => node.NodeId, StringComparer.Ordinal);
        return new MembershipView([.. byId.Values.OrderBy(node => node.NodeId, StringComparer.Ordinal)], byId);
    }
}
