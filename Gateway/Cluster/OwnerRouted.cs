using CameraCloud.Cluster;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// Endpoint metadata: requests for this endpoint concern the device named by route value
/// <see cref="IdRouteValue"/> and are served by the node that holds its connection.
/// </summary>
public sealed record OwnerRouted(DeviceKind Kind, string IdRouteValue = "id");
