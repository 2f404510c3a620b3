namespace CameraCloud.Cluster;

/// <summary>The node whose lease on a device is live, and the epoch it claimed the device with.</summary>
public sealed record DeviceOwner(string NodeId, long Epoch);
