using CameraCloud.Cluster;

namespace CameraCloud.Gateway.Cluster;

/// <summary>The live nodes as the answering node sees them.</summary>
/// <param name="Self">The node that answered.</param>
/// <param name="Nodes">Live nodes, the answering one first.</param>
public sealed record ClusterView(string Self, IReadOnlyList<ClusterNode> Nodes);
