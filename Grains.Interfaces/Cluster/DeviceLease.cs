namespace CameraCloud.Cluster;

/// <summary>
/// This node's ownership of a device, from a claim until the device's connection ends. The directory renews it
/// while it lives; disposing it releases the device (only if no later claim took it meanwhile). Disposing never
/// throws: a release the store does not take is logged by the directory, and the lease lapses by itself.
/// </summary>
public abstract class DeviceLease : IAsyncDisposable
{
    protected DeviceLease(DeviceKey device, string nodeId, long epoch)
    {
        Device = device;
        NodeId = nodeId;
        Epoch = epoch;
    }

    public DeviceKey Device { get; }

    public string NodeId { get; }

    /// <summary>Higher than the epoch of every earlier claim of the device, on any node.</summary>
    public long Epoch { get; }

    /// <summary>True once another node claimed the device with a higher epoch.</summary>
    public abstract bool IsFenced { get; }

    public abstract ValueTask DisposeAsync();
}
