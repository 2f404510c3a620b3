namespace CameraCloud.Silo.Tests.ClusterNodes;

/// <summary>
/// The cluster tests run one at a time: their nodes all live on 127.0.0.2-4, and three node processes per
/// test are already as much as two cores carry with the rest of the suite beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterNodesCollection
{
    public const string Name = "Cluster nodes";
}
