using CameraCloud.Cluster;

namespace CameraCloud.Silo.Cluster;

/// <summary>A lease of <see cref="LocalDeviceDirectory"/>: held until disposed, never fenced.</summary>
internal sealed class LocalDeviceLease(DeviceKey device, string nodeId, long epoch) : DeviceLease(device, nodeId, epoch)
{
    private int _released;

    public override bool IsFenced => false;

    /// <summary>Once released, a lookup no longer names this node for it (a later claim's lease is another object).</summary>
    public bool IsReleased => Volatile.Read(ref _released) == 1;

    public override ValueTask DisposeAsync()
    {
        Volatile.Write(ref _released, 1);
        return ValueTask.CompletedTask;
    }
}
