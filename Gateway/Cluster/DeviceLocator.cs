using CameraCloud.Cluster;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// Where a device's requests are served: by another live node that owns it, or here (owned here, offline, or
/// owned by a node whose heartbeats stopped: its device will reconnect somewhere and claim again).
/// </summary>
public sealed class DeviceLocator(IDeviceDirectory directory, IClusterMembership membership)
{
    public ClusterNode Self => membership.Self;

    public string InternalKey => membership.InternalKey;

    /// <summary>The live node other than this one that owns <paramref name="device"/>, or null to serve it here.</summary>
    /// <exception cref="DirectoryUnavailableException">The directory did not answer.</exception>
    public async Task<ClusterNode?> FindRemoteOwnerAsync(DeviceKey device, CancellationToken cancellationToken)
    {
        var owner = await directory.LookupAsync(device, cancellationToken);
        if (owner is null || owner.NodeId == membership.Self.NodeId)
        {
            return null;
        }
        return membership.FindLive(owner.NodeId);
    }
}
