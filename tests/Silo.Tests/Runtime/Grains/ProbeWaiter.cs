namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>A test waiting for the n-th event of a kind.</summary>
internal sealed record ProbeWaiter(string Key, string Kind, int Occurrence)
{
    public TaskCompletionSource<LifecycleEvent> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
