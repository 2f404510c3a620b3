using System.Collections.Concurrent;
using System.Reflection;
using CameraCloud.Actors;
using CameraCloud.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Runtime;

/// <summary>
/// The grain runtime of one silo: hands out grain references, keeps at most one activation per
/// (grain class, key), creates it on the first call, runs calls one turn at a time, deactivates idle
/// activations and, at shutdown, all of them. Deliberately small and Orleans-shaped.
/// </summary>
public sealed class GrainRuntime : IGrainFactory
{
    // Deactivations write state; this bounds the files (or Redis calls) in flight during a sweep or shutdown.
    private const int MaxParallelDeactivations = 16;

    private readonly ConcurrentDictionary<ActivationKey, Activation> _activations = new();
    private readonly ConcurrentDictionary<Type, GrainInterfaceInfo> _contracts = new();
    private readonly Dictionary<Type, GrainClassInfo> _classesByContract = [];
    private readonly Lock _lifecycle = new();
    private bool _stopped;
    private long _lastActivationId;

    internal GrainRuntime(
        IEnumerable<GrainRegistration> registrations,
        IServiceScopeFactory scopeFactory,
        IServiceProviderIsService? isService,
        IGrainStorage storage,
        IOptions<GrainRuntimeOptions> options,
        TimeProvider time,
        ILogger<GrainRuntime> logger)
    {
        ScopeFactory = scopeFactory;
        Storage = storage;
        Options = options.Value;
        Time = time;
        Logger = logger;

        var classes = new Dictionary<Type, GrainClassInfo>();
        foreach (GrainRegistration registration in registrations)
        {
            if (_classesByContract.ContainsKey(registration.Interface))
            {
                throw new ArgumentException($"{registration.Interface.FullName} is registered with AddGrain more than once.");
            }

            GrainInterfaceInfo contract = _contracts.GetOrAdd(registration.Interface, GrainInterfaceInfo.Create);
            if (!classes.TryGetValue(registration.GrainClass, out GrainClassInfo? grainClass))
            {
                grainClass = GrainClassInfo.Create(registration.GrainClass, isService);
                if (classes.Values.FirstOrDefault(c => c.TypeName == grainClass.TypeName) is { } clash)
                {
                    throw new ArgumentException(
                        $"Grain classes {clash.GrainClass.FullName} and {grainClass.GrainClass.FullName} share the storage " +
                        $"type name '{grainClass.TypeName}'; rename one.");
                }

                classes.Add(registration.GrainClass, grainClass);
            }

            _classesByContract.Add(contract.InterfaceType, grainClass);
        }
    }

    /// <summary>Live activations (including ones deactivating right now), for diagnostics and benchmarks.</summary>
    public int ActivationCount => _activations.Count;

    internal IServiceScopeFactory ScopeFactory { get; }

    internal IGrainStorage Storage { get; }

    internal GrainRuntimeOptions Options { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>
    /// A reference to the grain <paramref name="key"/> of contract <typeparamref name="TGrain"/>. Creating
    /// it costs no activation; the first call does. Throws when the contract has a method that does not
    /// return a Task or ValueTask, or when no grain class is registered for it.
    /// </summary>
    public TGrain GetGrain<TGrain>(string key) where TGrain : class, IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        GrainInterfaceInfo contract = _contracts.GetOrAdd(typeof(TGrain), GrainInterfaceInfo.Create);
        if (!_classesByContract.TryGetValue(typeof(TGrain), out GrainClassInfo? grainClass))
        {
            throw new InvalidOperationException(
                $"No grain class serves {typeof(TGrain).FullName}; register one with services.AddGrain<{typeof(TGrain).Name}, TGrain>().");
        }

        TGrain reference = DispatchProxy.Create<TGrain, GrainProxy>();
        ((GrainProxy)(object)reference).Bind(this, contract, grainClass, key);
        return reference;
    }

    /// <summary>Runs one call as a turn of the grain's activation, creating the activation when needed.</summary>
    internal async Task<T> CallAsync<T>(GrainClassInfo grainClass, string key, GrainMethod method, object?[]? args)
    {
        CancellationToken ct = method.GetCancellationToken(args);
        var id = new ActivationKey(grainClass, key);
        while (true)
        {
            Activation activation = GetOrCreateActivation(id);
            TurnFrame.ThrowIfReentrant(activation, method);
            switch (activation.TryAdmitCall(Options.MaxQueuedCallsPerActivation))
            {
                case CallAdmission.QueueFull:
                    throw new InvalidOperationException(
                        $"{method.Name} on {id} refused: {Options.MaxQueuedCallsPerActivation} calls are already queued " +
                        $"({GrainRuntimeOptions.SectionName}:{nameof(GrainRuntimeOptions.MaxQueuedCallsPerActivation)}).");
                case CallAdmission.ActivationFailed:
                    // Only a call that found the failed activation gets here (it is out of the directory already).
                    throw activation.CreateActivationFailure();
                case CallAdmission.Deactivating:
                    // Never run on an activation that is going away: wait until it is gone, then use a fresh one.
                    await activation.Deactivated.WaitAsync(ct);
                    continue;
            }

            if (!await activation.BeginCallTurnAsync(ct))
            {
                await activation.Deactivated.WaitAsync(ct);
                continue;
            }

            return await activation.InvokeAsync<T>(method, args);
        }
    }

    /// <summary>Deactivates the activations that are idle now. The host calls it every SweepInterval.</summary>
    internal async Task SweepIdleAsync(CancellationToken cancellationToken)
    {
        List<Activation> idle = [];
        foreach (Activation activation in _activations.Values)
        {
            if (activation.TryBeginIdleDeactivation(Options.IdleDeactivationAfter))
            {
                idle.Add(activation);
            }
        }

        // Once begun, every deactivation runs to its end (a cancelled token only shortens it).
        await Parallel.ForEachAsync(
            idle,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDeactivations },
            async (activation, _) => await activation.DeactivateAsync(DeactivationReason.Idle, cancellationToken));
    }

    /// <summary>
    /// Refuses new activations and deactivates every activation with reason Shutdown, within
    /// <paramref name="cancellationToken"/>; a grain that throws or hangs is logged and passed over.
    /// </summary>
    internal async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        Activation[] all;
        lock (_lifecycle)
        {
            _stopped = true;
            all = [.. _activations.Values];
        }

        int completed = 0, failed = 0, timedOut = 0;
        await Parallel.ForEachAsync(
            all,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDeactivations },
            async (activation, _) =>
            {
                DeactivationOutcome outcome;
                if (activation.TryBeginDeactivation())
                {
                    outcome = await activation.DeactivateAsync(DeactivationReason.Shutdown, cancellationToken);
                }
                else
                {
                    // Already deactivating (idle sweep or its own request): let that finish.
                    try
                    {
                        await activation.Deactivated.WaitAsync(cancellationToken);
                        outcome = DeactivationOutcome.Completed;
                    }
                    catch (OperationCanceledException)
                    {
                        outcome = DeactivationOutcome.TimedOut;
                    }
                }

                if (outcome == DeactivationOutcome.Completed)
                {
                    Interlocked.Increment(ref completed);
                }
                else if (outcome == DeactivationOutcome.Failed)
                {
                    Interlocked.Increment(ref failed);
                }
                else
                {
                    Interlocked.Increment(ref timedOut);
                }
            });

        GrainRuntimeLog.ShutdownSummary(Logger, completed, failed, timedOut);
    }

    internal void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<ActivationKey, Activation>(activation.Key, activation));

    private Activation GetOrCreateActivation(ActivationKey id)
    {
        if (_activations.TryGetValue(id, out Activation? existing))
        {
            return existing;
        }

        Activation created;
        lock (_lifecycle)
        {
            if (_activations.TryGetValue(id, out existing))
            {
                return existing;
            }

            if (_stopped)
            {
                throw new InvalidOperationException($"The grain runtime is shutting down; {id} cannot be activated.");
            }

            created = new Activation(this, id, Interlocked.Increment(ref _lastActivationId));
            _activations[id] = created;
        }

        // Runs in the creating call's flow; the call then queues behind this first turn.
        _ = created.ActivateAsync();
        return created;
    }
}
