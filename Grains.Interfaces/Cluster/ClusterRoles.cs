namespace CameraCloud.Cluster;

/// <summary>
/// What a node runs (<c>Cluster:Roles</c>). Grains always run: placement follows the device's socket, so the
/// node that holds a device's connection runs its grain.
/// </summary>
public static class ClusterRoles
{
    /// <summary>Device listeners: V720 bootstrap, TCP/UDP 6123 and MQTT, and the agents' WebSocket endpoint.</summary>
    public const string Edge = "edge";

    /// <summary>Client-facing: the REST API, MJPEG and the agents' RTSP ports. Forwarded requests are served by every node.</summary>
    public const string Gateway = "gateway";

    public static readonly IReadOnlyList<string> All = [Edge, Gateway];
}
