using CameraCloud.Agents;
using CameraCloud.Edge.Agents;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>
/// The session host's events as awaitable signals. Events are kept, so waiting for one that already happened
/// returns at once; every wait is bounded by the token it is given.
/// </summary>
internal sealed class SessionSignals : IDisposable
{
    private readonly AgentSessionHost _host;
    private readonly List<(string Kind, string AgentId, object? Value)> _seen = [];
    private readonly List<(Func<(string Kind, string AgentId, object? Value), bool> Match, TaskCompletionSource<object?> Done)> _waiters = [];

    public SessionSignals(AgentSessionHost host)
    {
        _host = host;
        host.SessionStarted += OnStarted;
        host.SessionEnded += OnEnded;
        host.TrafficReported += OnTraffic;
    }

    public Task StartedAsync(string agentId, int times, CancellationToken cancellationToken) =>
        WaitAsync(e => e.Kind == "started" && e.AgentId == agentId, times, cancellationToken);

    public Task EndedAsync(string agentId, int times, CancellationToken cancellationToken) =>
        WaitAsync(e => e.Kind == "ended" && e.AgentId == agentId, times, cancellationToken);

    public async Task<AgentTraffic> TrafficAsync(string agentId, Func<AgentTraffic, bool> condition, CancellationToken cancellationToken) =>
        (AgentTraffic)(await WaitAsync(e => e.Kind == "traffic" && e.AgentId == agentId && condition((AgentTraffic)e.Value!), 1, cancellationToken))!;

    public void Dispose()
    {
        _host.SessionStarted -= OnStarted;
        _host.SessionEnded -= OnEnded;
        _host.TrafficReported -= OnTraffic;
    }

    private void OnStarted(string agentId, long linkId) => Add(("started", agentId, linkId));

    private void OnEnded(string agentId, long linkId, string reason) => Add(("ended", agentId, reason));

    private void OnTraffic(string agentId, AgentTraffic traffic) => Add(("traffic", agentId, traffic));

    private void Add((string Kind, string AgentId, object? Value) e)
    {
        lock (_seen)
        {
            _seen.Add(e);
            foreach (var waiter in _waiters.ToList())
            {
                if (waiter.Match(e))
                {
                    _waiters.Remove(waiter);
                    waiter.Done.TrySetResult(e.Value);
                }
            }
        }
    }

    private async Task<object?> WaitAsync(Func<(string Kind, string AgentId, object? Value), bool> match, int times, CancellationToken cancellationToken)
    {
        TaskCompletionSource<object?> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_seen)
        {
            var matching = _seen.Where(match).ToList();
            if (matching.Count >= times)
            {
                return matching[times - 1].Value;
            }
            var remaining = times - matching.Count;
            _waiters.Add((e => match(e) && --remaining == 0, done));
        }
        return await done.Task.WaitAsync(cancellationToken);
    }
}
