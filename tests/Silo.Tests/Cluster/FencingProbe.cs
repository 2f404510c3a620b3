using CameraCloud.Cluster;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>An onFenced callback that counts its calls and lets a test await the first.</summary>
internal sealed class FencingProbe
{
    private readonly TaskCompletionSource<DeviceFencing> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<DeviceFencing> First => _first.Task;

    public Task OnFenced(DeviceFencing fencing)
    {
        Interlocked.Increment(ref _calls);
        _first.TrySetResult(fencing);
        return Task.CompletedTask;
    }
}
