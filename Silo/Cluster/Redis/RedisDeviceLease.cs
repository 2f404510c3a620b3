using CameraCloud.Cluster;

namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>
/// A lease of <see cref="RedisDeviceDirectory"/>. It ends once, either way: fenced (another node claimed the
/// device; the callback runs) or released (disposed here). Whichever comes first wins, so a lease disposed
/// while the news of its fencing travels does not call back into a closed session.
/// </summary>
internal sealed class RedisDeviceLease(
    RedisDeviceDirectory directory, DeviceKey device, string nodeId, long epoch, Func<DeviceFencing, Task> onFenced)
    : DeviceLease(device, nodeId, epoch)
{
    private const int Live = 0;
    private const int Fenced = 1;
    private const int Released = 2;

    private int _state;

    public override bool IsFenced => Volatile.Read(ref _state) == Fenced;

    public bool IsReleased => Volatile.Read(ref _state) == Released;

    public Func<DeviceFencing, Task> OnFenced { get; } = onFenced;

    /// <summary>True for the one caller that ends the live lease as fenced.</summary>
    public bool TryFence() => Interlocked.CompareExchange(ref _state, Fenced, Live) == Live;

    public override ValueTask DisposeAsync() =>
        Interlocked.CompareExchange(ref _state, Released, Live) == Live
            ? new ValueTask(directory.ReleaseAsync(this))
            : ValueTask.CompletedTask;
}
