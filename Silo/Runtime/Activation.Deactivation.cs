using CameraCloud.Actors;
using Microsoft.Extensions.DependencyInjection;

namespace CameraCloud.Silo.Runtime;

/// <summary>How an activation ends: the grain's own controls, idle sweep and shutdown, and the last turn.</summary>
internal sealed partial class Activation
{
    public void DelayDeactivation(TimeSpan period)
    {
        lock (_gate)
        {
            // As in Orleans: a positive period replaces the previous one, zero or negative cancels it.
            _keepAliveFrom = Time.GetTimestamp();
            _keepAliveFor = period > TimeSpan.Zero ? period : TimeSpan.Zero;
        }
    }

    public void DeactivateOnIdle()
    {
        bool now;
        lock (_gate)
        {
            _deactivateRequested = true;
            _keepAliveFor = TimeSpan.Zero;

            // Normally called inside a turn and honoured when it ends; outside a turn it acts at once.
            now = !_turnHeld && _state == ActivationState.Active;
            if (now)
            {
                _state = ActivationState.Deactivating;
            }
        }

        if (now)
        {
            StopTimersAndLifetime();
            _ = DeactivateAsync(DeactivationReason.Requested, CancellationToken.None);
        }
    }

    /// <summary>Starts an idle deactivation when nothing is queued, the idle time passed and no DelayDeactivation holds it.</summary>
    public bool TryBeginIdleDeactivation(TimeSpan idleAfter)
    {
        lock (_gate)
        {
            if (_state != ActivationState.Active || _queued > 0 || _turnHeld ||
                Time.GetElapsedTime(_lastUsed) < idleAfter ||
                (_keepAliveFor > TimeSpan.Zero && Time.GetElapsedTime(_keepAliveFrom) < _keepAliveFor))
            {
                return false;
            }

            _state = ActivationState.Deactivating;
        }

        StopTimersAndLifetime();
        return true;
    }

    /// <summary>Starts a deactivation whatever the activation is doing (shutdown); false when one already runs.</summary>
    public bool TryBeginDeactivation()
    {
        lock (_gate)
        {
            if (_state is not (ActivationState.Activating or ActivationState.Active))
            {
                return false;
            }

            _state = ActivationState.Deactivating;
        }

        StopTimersAndLifetime();
        return true;
    }

    /// <summary>
    /// Runs OnDeactivateAsync as the last turn (after the turns already running or queued ahead of it),
    /// then removes the activation. Never throws; always ends Deactivated, even when it times out.
    /// </summary>
    public async Task<DeactivationOutcome> DeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_runtime.Options.DeactivationTimeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        CancellationToken ct = linked.Token;
        var outcome = DeactivationOutcome.Completed;
        bool held = false;
        try
        {
            await _turn.WaitAsync(ct);
            held = true;
            Grain? grain;
            lock (_gate)
            {
                _turnHeld = true;
                grain = _activationFailure is null ? _grain : null;
            }

            if (grain is not null)
            {
                TurnFrame frame = TurnFrame.Begin(this, continueChain: false);
                try
                {
                    await ((IGrainLifecycle)grain).OnDeactivateAsync(reason, ct).WaitAsync(ct);
                    GrainRuntimeLog.Deactivated(_runtime.Logger, Key, Id, reason);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    outcome = DeactivationOutcome.TimedOut;
                    GrainRuntimeLog.DeactivationTimedOut(_runtime.Logger, Key, reason);
                }
                catch (Exception ex)
                {
                    outcome = DeactivationOutcome.Failed;
                    GrainRuntimeLog.DeactivationFailed(_runtime.Logger, Key, reason, ex);
                }
                finally
                {
                    frame.End();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A turn ahead of us did not end in time; the activation is dropped without OnDeactivateAsync.
            outcome = DeactivationOutcome.TimedOut;
            GrainRuntimeLog.DeactivationTimedOut(_runtime.Logger, Key, reason);
        }
        finally
        {
            lock (_gate)
            {
                _state = ActivationState.Deactivated;
                _turnHeld = false;
            }

            await FinishAsync();
            if (held)
            {
                // Lets calls that queued behind us see the activation is gone and go to a fresh one.
                _turn.Release();
            }
        }

        return outcome;
    }

    private void StopTimersAndLifetime()
    {
        GrainTimer[] timers;
        lock (_gate)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (GrainTimer timer in timers)
        {
            timer.Dispose();
        }

        try
        {
            _lifetime.Cancel();
        }
        catch (AggregateException ex)
        {
            GrainRuntimeLog.CancellationCallbackFailed(_runtime.Logger, Key, ex);
        }
    }

    /// <summary>Leaves the directory, wakes callers waiting for the key, releases the scope. Safe to repeat.</summary>
    private async Task FinishAsync()
    {
        _runtime.Remove(this);
        _deactivated.TrySetResult();
        AsyncServiceScope? scope;
        lock (_gate)
        {
            scope = _scope;
            _scope = null;
        }

        if (scope is { } owned)
        {
            try
            {
                await owned.DisposeAsync();
            }
            catch (Exception ex)
            {
                GrainRuntimeLog.ScopeDisposeFailed(_runtime.Logger, Key, ex);
            }
        }
    }
}
