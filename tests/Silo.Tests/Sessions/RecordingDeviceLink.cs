using CameraCloud.Cameras;
using CameraCloud.Silo.Tests.Runtime;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>
/// A camera connection as the grain sees it, without a wire: it records what the grain asks for and
/// lets a test wait for the n-th call of a kind.
/// </summary>
internal sealed class RecordingDeviceLink(long linkId, string remoteEndPoint) : ICameraDeviceLink
{
    private readonly Lock _gate = new();
    private readonly List<LinkCall> _calls = [];
    private readonly List<string> _closeReasons = [];
    private readonly List<(LinkCall Kind, int Occurrence, TaskCompletionSource Done)> _waiters = [];

    public long LinkId { get; } = linkId;

    public string RemoteEndPoint { get; } = remoteEndPoint;

    public IReadOnlyList<string> CloseReasons
    {
        get
        {
            lock (_gate)
            {
                return [.. _closeReasons];
            }
        }
    }

    public int Count(LinkCall kind)
    {
        lock (_gate)
        {
            return _calls.Count(c => c == kind);
        }
    }

    /// <summary>Completes once <paramref name="occurrence"/> calls of <paramref name="kind"/> happened (possibly already).</summary>
    public Task WaitForAsync(LinkCall kind, int occurrence = 1)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_calls.Count(c => c == kind) >= occurrence)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((kind, occurrence, done));
        }

        return Wait.For(done.Task);
    }

    public Task StartStreamAsync(CancellationToken cancellationToken) => Record(LinkCall.Start);

    public Task StopStreamAsync(CancellationToken cancellationToken) => Record(LinkCall.Stop);

    public Task SendCommandAsync(CameraCommand command, CancellationToken cancellationToken) => Record(LinkCall.Command);

    public Task CloseAsync(string reason)
    {
        lock (_gate)
        {
            _closeReasons.Add(reason);
        }

        return Record(LinkCall.Close);
    }

    public MediaCounters ReadMediaCounters() => MediaCounters.Empty;

    private Task Record(LinkCall kind)
    {
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            _calls.Add(kind);
            int count = _calls.Count(c => c == kind);
            foreach (var waiter in _waiters.Where(w => w.Kind == kind && count >= w.Occurrence).ToList())
            {
                done.Add(waiter.Done);
                _waiters.Remove(waiter);
            }
        }

        foreach (TaskCompletionSource waiter in done)
        {
            waiter.TrySetResult();
        }

        return Task.CompletedTask;
    }
}
