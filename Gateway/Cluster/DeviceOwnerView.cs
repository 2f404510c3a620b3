namespace CameraCloud.Gateway.Cluster;

/// <summary>Which node holds a device.</summary>
/// <param name="Device">kind/id, e.g. camera/0800c0a1b2c3.</param>
/// <param name="NodeId">The owning node.</param>
/// <param name="Epoch">The fencing epoch of its claim; every newer claim has a higher one.</param>
/// <param name="NodeLive">Whether the owning node's heartbeats are current. False: it died and the lease has not lapsed yet.</param>
public sealed record DeviceOwnerView(string Device, string NodeId, long Epoch, bool NodeLive);
