namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// Configuration section <c>Cluster:Forwarding</c>: how long this node waits for another node when it forwards a
/// request to a device's owner or opens an agent stream through it. Checked at start.
/// </summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "Cluster:Forwarding";

    /// <summary>How long a node may take to accept the connection of a forwarded request.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the owner may take to send the response headers of a forwarded request. Longer than every wait
    /// the endpoints themselves bound (a snapshot waits for the next frame, a control command for the device).
    /// </summary>
    public TimeSpan ResponseHeadersTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Connecting to the owner, the upgrade and the agent's answer to the OPEN of a cross-node stream must all fit in this.</summary>
    public TimeSpan StreamOpenTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
