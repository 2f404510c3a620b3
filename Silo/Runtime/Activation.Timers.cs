namespace CameraCloud.Silo.Runtime;

/// <summary>Timers of an activation: each tick runs as a turn.</summary>
internal sealed partial class Activation
{
    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or more, or infinite.");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive, or infinite for a one-shot timer.");
        }

        var timer = new GrainTimer(this, callback, period);
        lock (_gate)
        {
            if (_state is not (ActivationState.Activating or ActivationState.Active))
            {
                throw new InvalidOperationException($"{Key} is deactivating; it cannot register timers.");
            }

            _timers.Add(timer);
        }

        timer.Start(Time, dueTime);
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>One tick as a turn. Timer turns keep the activation from being swept while they wait or run,
    /// but do not count as use: like Orleans, a timer alone does not keep a grain alive.</summary>
    public async Task RunTimerTurnAsync(GrainTimer timer)
    {
        lock (_gate)
        {
            if (_state is not (ActivationState.Activating or ActivationState.Active))
            {
                return;
            }

            _queued++;
        }

        CancellationToken lifetime = _lifetime.Token;
        bool held = false;
        try
        {
            await _turn.WaitAsync(lifetime);
            held = true;
            bool run;
            lock (_gate)
            {
                _turnHeld = true;
                run = _state == ActivationState.Active && !timer.IsDisposed;
            }

            if (run)
            {
                await RunTimerCallbackAsync(timer, lifetime);
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Deactivation started while this tick waited; the tick is dropped.
        }
        finally
        {
            if (held)
            {
                EndTurn(queuedDelta: -1, countsAsUse: false);
            }
            else
            {
                lock (_gate)
                {
                    _queued--;
                }
            }

            timer.Rearm();
        }
    }

    private async Task RunTimerCallbackAsync(GrainTimer timer, CancellationToken lifetime)
    {
        TurnFrame frame = TurnFrame.Begin(this, continueChain: false);
        try
        {
            await timer.Callback(lifetime);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // The grain is deactivating; a cancelled tick is expected.
        }
        catch (Exception ex)
        {
            GrainRuntimeLog.TimerFailed(_runtime.Logger, Key, ex);
        }
        finally
        {
            frame.End();
        }
    }
}
