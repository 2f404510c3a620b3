namespace CameraCloud.Cluster;

/// <summary>A live node as it advertises itself.</summary>
/// <param name="NodeId">Unique per process start.</param>
/// <param name="InternalAddress">Where other nodes reach its gateway (forwarded requests, internal streams).</param>
/// <param name="Roles">What it runs (<see cref="ClusterRoles"/>).</param>
/// <param name="StartedAt">When it joined.</param>
/// <param name="LastHeartbeat">Its latest heartbeat as this node last read it.</param>
public sealed record ClusterNode(
    string NodeId,
    Uri InternalAddress,
    IReadOnlyList<string> Roles,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat);
