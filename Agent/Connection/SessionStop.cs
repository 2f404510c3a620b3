namespace CameraCloud.Agent.Connection;

/// <summary>
/// Ends one session on the agent's own initiative (a control command, an address change), remembering
/// why. Control commands answer first: the connection ends the session once the answer is queued, and
/// the delay given here is only the bound should that signal never come.
/// </summary>
public sealed class SessionStop : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cts;
    private readonly CancellationToken _token;
    private readonly TimeProvider _time;
    private ITimer? _timer;
    private bool _disposed;

    /// <summary>The agent's shutdown token <paramref name="stopping"/> ends the session too.</summary>
    public SessionStop(TimeProvider time, CancellationToken stopping)
    {
        _time = time;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _token = _cts.Token;
    }

    /// <summary>Cancelled when the session must end.</summary>
    public CancellationToken Token => _token;

    public AgentAction Action { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>Asks the session to end after <paramref name="delay"/>; the first request wins, later ones return false.</summary>
    public bool Request(AgentAction action, string reason, TimeSpan delay)
    {
        lock (_gate)
        {
            if (_disposed || Action != AgentAction.None)
            {
                return false;
            }
            Action = action;
            Reason = reason;
            if (delay <= TimeSpan.Zero)
            {
                _cts.Cancel();
            }
            else
            {
                _timer = _time.CreateTimer(static state => ((SessionStop)state!).Fire(), this, delay, Timeout.InfiniteTimeSpan);
            }
            return true;
        }
    }

    /// <summary>Ends the session now, whether or not an action was requested (the supervisor's cleanup).</summary>
    public void Cancel() => Fire();

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _timer?.Dispose();
            _cts.Dispose();
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _cts.Cancel();
            }
        }
    }
}
