namespace CameraCloud.Cluster;

/// <summary>Why a lease ended against this node's will: the device connected to another node since.</summary>
/// <param name="Device">The device.</param>
/// <param name="LostEpoch">The epoch of this node's claim.</param>
/// <param name="NewOwner">The node that holds the device now, and its epoch.</param>
public sealed record DeviceFencing(DeviceKey Device, long LostEpoch, DeviceOwner NewOwner);
