using CameraCloud.Cluster;

namespace CameraCloud.Silo.Cluster;

/// <summary>
/// The directory of a node on its own: device → its latest lease, in memory. Every claim succeeds with the
/// next epoch, and nothing is ever fenced, because there is no other node to claim from. The latest lease is
/// kept after its release so that epochs never repeat while the process lives; the map grows with the devices
/// ever seen, which the registry bounds anyway.
/// </summary>
public sealed class LocalDeviceDirectory(LocalNode node) : IDeviceDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<DeviceKey, LocalDeviceLease> _latest = [];

    public Task<DeviceLease> ClaimAsync(DeviceKey device, Func<DeviceFencing, Task> onFenced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onFenced);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            long epoch = _latest.TryGetValue(device, out LocalDeviceLease? previous) ? previous.Epoch + 1 : 1;
            var lease = new LocalDeviceLease(device, node.NodeId, epoch);
            _latest[device] = lease;
            return Task.FromResult<DeviceLease>(lease);
        }
    }

    public Task<DeviceOwner?> LookupAsync(DeviceKey device, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_latest.TryGetValue(device, out LocalDeviceLease? lease) && !lease.IsReleased
                ? new DeviceOwner(node.NodeId, lease.Epoch)
                : null);
        }
    }
}
