namespace CameraCloud.Cluster;

/// <summary>
/// Which node holds which device: device → owning node + fencing epoch, with a lease the owner renews while the
/// device's connection lives. Placement follows the socket, so a claim never waits for or asks the previous
/// owner: the device connected here, so it is here now. In-process on one node, in Redis in a cluster.
/// </summary>
public interface IDeviceDirectory
{
    /// <summary>
    /// Makes this node the device's owner with an epoch higher than any earlier claim. When a later claim by
    /// another node supersedes it, <paramref name="onFenced"/> runs once (from the directory's own thread; it
    /// should close the device's connection here). A later claim on this same node does not fence: the node's
    /// own "newest connection wins" rule already replaces the older session.
    /// </summary>
    /// <exception cref="DirectoryUnavailableException">The directory's store did not answer in time.</exception>
    Task<DeviceLease> ClaimAsync(DeviceKey device, Func<DeviceFencing, Task> onFenced, CancellationToken cancellationToken);

    /// <summary>The device's owner while its lease is live, or null (offline, or its owner died).</summary>
    /// <exception cref="DirectoryUnavailableException">The directory's store did not answer in time.</exception>
    Task<DeviceOwner?> LookupAsync(DeviceKey device, CancellationToken cancellationToken);
}
