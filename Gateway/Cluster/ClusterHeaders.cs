namespace CameraCloud.Gateway.Cluster;

/// <summary>HTTP headers between nodes, and the one every device response carries for whoever debugs a cluster.</summary>
public static class ClusterHeaders
{
    /// <summary>
    /// Set by a node that forwards a request to the device's owner. A request that carries it is always served
    /// where it lands, so a directory that changes mid-flight cannot bounce a request between nodes.
    /// </summary>
    public const string ForwardedBy = "CameraCloud-Forwarded-By";

    /// <summary>The node that served a device's request (the owner, also when the client asked another node).</summary>
    public const string ServedBy = "CameraCloud-Node";

    /// <summary>The cluster's shared secret, required on the node-to-node stream endpoint.</summary>
    public const string InternalKey = "CameraCloud-Internal-Key";

    /// <summary>The Upgrade token of a node-to-node byte stream (an agent target's connection spliced across nodes).</summary>
    public const string StreamUpgradeToken = "cameracloud-stream";
}
