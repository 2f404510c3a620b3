using CameraCloud.Cluster;

namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>
/// This node's claims of one device whose replies have not arrived yet, and the newest claim by another node
/// heard of meanwhile: the claims channel may deliver a later claim before the reply to ours, and the lease must
/// still learn it lost. Guarded by the directory's lock.
/// </summary>
internal sealed class PendingClaims
{
    public int Count { get; set; }

    public DeviceOwner? NewestForeign { get; set; }
}
