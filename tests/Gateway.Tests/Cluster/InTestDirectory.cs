using System.Collections.Concurrent;
using CameraCloud.Cluster;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>A directory that is plain data: the owners a test sets, or the failure of a store that is down.</summary>
internal sealed class InTestDirectory : IDeviceDirectory
{
    private readonly ConcurrentDictionary<DeviceKey, DeviceOwner> _owners = new();
    private int _lookups;

    /// <summary>When set, every lookup throws as a directory whose store does not answer.</summary>
    public bool Unavailable { get; set; }

    public int Lookups => Volatile.Read(ref _lookups);

    public void SetOwner(DeviceKey device, string nodeId, long epoch = 1) => _owners[device] = new DeviceOwner(nodeId, epoch);

    public Task<DeviceOwner?> LookupAsync(DeviceKey device, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        if (Unavailable)
        {
            throw new DirectoryUnavailableException("the test's store is down");
        }
        return Task.FromResult(_owners.TryGetValue(device, out var owner) ? owner : null);
    }

    public Task<DeviceLease> ClaimAsync(DeviceKey device, Func<DeviceFencing, Task> onFenced, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The gateway never claims devices.");
}
