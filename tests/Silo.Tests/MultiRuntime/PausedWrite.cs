using CameraCloud.Silo.Tests.Runtime;

namespace CameraCloud.Silo.Tests.MultiRuntime;

/// <summary>A write an <see cref="ObservedGrainStorage"/> holds back until the test releases it.</summary>
internal sealed class PausedWrite(string grainType, string key, string stateName)
{
    private readonly TaskCompletionSource<byte[]> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the data the grain is writing, once its write reached the store and stopped there.</summary>
    public Task<byte[]> Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    internal bool Matches(string type, string recordKey, string state) =>
        type == grainType && recordKey == key && state == stateName;

    /// <summary>Called by the store: reports the data and waits (bounded, so a failing test cannot hang a grain) for the release.</summary>
    internal async Task HoldAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        _arrived.TrySetResult(data.ToArray());
        await _released.Task.WaitAsync(Wait.Timeout, ct);
    }
}
