using CameraCloud.Actors;
using CameraCloud.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CameraCloud.Silo.Runtime;

/// <summary>
/// One live grain instance and its turn discipline. A single-permit semaphore is the turn: a call,
/// a timer tick, activation and deactivation each hold it from start to finish, across awaits, so
/// the grain never runs two things at once. Waiters are served first come, first served.
/// The state machine (Activating → Active → Deactivating → Deactivated) and the count of queued
/// turns are guarded by <see cref="_gate"/>; once an activation leaves Active it admits no new
/// calls, which is what sends a racing call to a fresh activation.
/// Timers are in Activation.Timers.cs, deactivation in Activation.Deactivation.cs.
/// </summary>
internal sealed partial class Activation : IGrainContext
{
    private readonly GrainRuntime _runtime;
    private readonly object _gate = new();

    // Starts taken: the activation turn (state read + OnActivateAsync) goes first.
    private readonly SemaphoreSlim _turn = new(0, 1);
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Cancelled when deactivation starts: stops timer turns that are still waiting and tells running ones.
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<GrainTimer> _timers = [];

    private ActivationState _state = ActivationState.Activating;
    private bool _turnHeld = true;
    private int _queued;
    private long _lastUsed;
    private long _keepAliveFrom;
    private TimeSpan _keepAliveFor;
    private bool _deactivateRequested;
    private Exception? _activationFailure;
    private Grain? _grain;
    private AsyncServiceScope? _scope;

    public Activation(GrainRuntime runtime, ActivationKey key, long id)
    {
        _runtime = runtime;
        Key = key;
        Id = id;
        _lastUsed = runtime.Time.GetTimestamp();
    }

    public ActivationKey Key { get; }

    public long Id { get; }

    public string GrainKey => Key.Key;

    public IGrainFactory GrainFactory => _runtime;

    public TimeProvider Time => _runtime.Time;

    /// <summary>Completes when this activation is gone and a new one may be created for its key.</summary>
    public Task Deactivated => _deactivated.Task;

    // ---- calls ----

    public CallAdmission TryAdmitCall(int maxQueued)
    {
        lock (_gate)
        {
            if (_activationFailure is not null)
            {
                return CallAdmission.ActivationFailed;
            }

            if (_state is not (ActivationState.Activating or ActivationState.Active))
            {
                return CallAdmission.Deactivating;
            }

            if (_queued >= maxQueued)
            {
                return CallAdmission.QueueFull;
            }

            _queued++;
            return CallAdmission.Admitted;
        }
    }

    /// <summary>
    /// Waits for the turn of an admitted call. True: the turn is held and the grain is active;
    /// false: the activation went away meanwhile and the call has left it.
    /// </summary>
    public async Task<bool> BeginCallTurnAsync(CancellationToken ct)
    {
        try
        {
            await _turn.WaitAsync(ct);
        }
        catch
        {
            lock (_gate)
            {
                _queued--;
            }

            throw;
        }

        bool active;
        Exception? failure;
        lock (_gate)
        {
            _turnHeld = true;
            active = _state == ActivationState.Active;
            failure = _activationFailure;
        }

        if (active)
        {
            return true;
        }

        EndTurn(queuedDelta: -1, countsAsUse: false);
        if (failure is not null)
        {
            throw CreateActivationFailure(failure);
        }

        return false;
    }

    /// <summary>What a call that was waiting for this activation gets when activating failed.</summary>
    public InvalidOperationException CreateActivationFailure()
    {
        lock (_gate)
        {
            return CreateActivationFailure(_activationFailure ?? new InvalidOperationException("unknown failure"));
        }
    }

    public async Task<T> InvokeAsync<T>(GrainMethod method, object?[]? args)
    {
        TurnFrame frame = TurnFrame.Begin(this, continueChain: true);
        try
        {
            return await method.InvokeAsync<T>(_grain!, args);
        }
        catch (Exception ex)
        {
            GrainRuntimeLog.CallFailed(_runtime.Logger, method.Name, Key, ex.GetType().Name);
            throw;
        }
        finally
        {
            frame.End();
            EndTurn(queuedDelta: -1, countsAsUse: true);
        }
    }

    // ---- activation ----

    /// <summary>Reads state and runs OnActivateAsync as the first turn. Never throws: a failure ends the activation.</summary>
    public async Task ActivateAsync()
    {
        // The creating call awaits this turn, so it continues that call's chain.
        TurnFrame frame = TurnFrame.Begin(this, continueChain: true);
        using var timeout = new CancellationTokenSource(_runtime.Options.ActivationTimeout, Time);
        try
        {
            _scope = _runtime.ScopeFactory.CreateAsyncScope();
            GrainClassInfo grainClass = Key.Class;
            var states = new object?[grainClass.States.Count];
            for (int i = 0; i < states.Length; i++)
            {
                IPersistentStateHandle state = grainClass.States[i].Create(_runtime.Storage, grainClass.TypeName, GrainKey);
                await state.ReadStateAsync(timeout.Token);
                states[i] = state;
            }

            Grain grain = grainClass.CreateInstance(_scope.Value.ServiceProvider, states);
            ((IGrainLifecycle)grain).Bind(this);
            _grain = grain;
            await ((IGrainLifecycle)grain).OnActivateAsync(timeout.Token).WaitAsync(timeout.Token);
            lock (_gate)
            {
                if (_state == ActivationState.Activating)
                {
                    _state = ActivationState.Active;
                }

                _lastUsed = Time.GetTimestamp();
            }

            GrainRuntimeLog.Activated(_runtime.Logger, Key, Id);
        }
        catch (Exception ex)
        {
            Exception failure = ex is OperationCanceledException && timeout.IsCancellationRequested
                ? new TimeoutException($"Activating {Key} took longer than {_runtime.Options.ActivationTimeout}.", ex)
                : ex;
            lock (_gate)
            {
                _activationFailure = failure;
                _state = ActivationState.Deactivated;
            }

            GrainRuntimeLog.ActivationFailed(_runtime.Logger, Key, failure);
            StopTimersAndLifetime();
            await FinishAsync();
        }
        finally
        {
            frame.End();
            EndTurn(queuedDelta: 0, countsAsUse: false);
        }
    }

    /// <summary>
    /// Ends a turn. When the grain asked to be deactivated, the activation stops admitting calls before
    /// the turn is released, so nothing queued behind it runs on this activation any more.
    /// </summary>
    private void EndTurn(int queuedDelta, bool countsAsUse)
    {
        bool deactivate = false;
        lock (_gate)
        {
            _queued += queuedDelta;
            _turnHeld = false;
            if (countsAsUse)
            {
                _lastUsed = Time.GetTimestamp();
            }

            if (_deactivateRequested && _state == ActivationState.Active)
            {
                _state = ActivationState.Deactivating;
                deactivate = true;
            }
        }

        if (deactivate)
        {
            StopTimersAndLifetime();
        }

        _turn.Release();
        if (deactivate)
        {
            _ = DeactivateAsync(DeactivationReason.Requested, CancellationToken.None);
        }
    }

    private InvalidOperationException CreateActivationFailure(Exception failure) =>
        new($"Activating {Key} failed: {failure.Message}", failure);
}
