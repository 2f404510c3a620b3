using CameraCloud.Cluster;
using CameraCloud.Gateway.Agents;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// Where a device's requests are served: by another live node that owns it, or here (owned here, offline, or
/// owned by a node whose heartbeats stopped: its device will reconnect somewhere and claim again). When the
/// directory does not answer (Redis away), here too: right for every device connected to this node, "offline"
/// for the others, until the directory is back; that is logged once a minute, not once per request.
/// </summary>
public sealed class DeviceLocator(
    IDeviceDirectory directory, IClusterMembership membership, TimeProvider time, ILogger<DeviceLocator> logger)
{
    private readonly BoundedLogGate _directoryDown = new(time, TimeSpan.FromMinutes(1));

    public ClusterNode Self => membership.Self;

    public string InternalKey => membership.InternalKey;

    /// <summary>The live node other than this one that owns <paramref name="device"/>, or null to serve it here.</summary>
    public async Task<ClusterNode?> FindRemoteOwnerAsync(DeviceKey device, CancellationToken cancellationToken)
    {
        DeviceOwner? owner;
        try
        {
            owner = await directory.LookupAsync(device, cancellationToken);
        }
        catch (DirectoryUnavailableException ex)
        {
            if (_directoryDown.TryEnter(out _))
            {
                ClusterLog.DirectoryUnavailable(logger, ex.Message);
            }
            return null;
        }
        if (owner is null || owner.NodeId == membership.Self.NodeId)
        {
            return null;
        }
        return membership.FindLive(owner.NodeId);
    }
}
