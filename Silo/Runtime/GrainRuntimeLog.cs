using CameraCloud.Actors;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Silo.Runtime;

/// <summary>Log events of the grain runtime; event names are stable for dashboards.</summary>
internal static partial class GrainRuntimeLog
{
    [LoggerMessage(EventId = 1001, EventName = "GrainActivated", Level = LogLevel.Debug,
        Message = "Activated {Grain} (activation {ActivationId})")]
    public static partial void Activated(ILogger logger, ActivationKey grain, long activationId);

    [LoggerMessage(EventId = 1002, EventName = "GrainActivationFailed", Level = LogLevel.Error,
        Message = "Activating {Grain} failed; its waiting calls fail and the next call tries again")]
    public static partial void ActivationFailed(ILogger logger, ActivationKey grain, Exception exception);

    [LoggerMessage(EventId = 1003, EventName = "GrainDeactivated", Level = LogLevel.Debug,
        Message = "Deactivated {Grain} (activation {ActivationId}, reason {Reason})")]
    public static partial void Deactivated(ILogger logger, ActivationKey grain, long activationId, DeactivationReason reason);

    [LoggerMessage(EventId = 1004, EventName = "GrainDeactivationFailed", Level = LogLevel.Warning,
        Message = "OnDeactivateAsync of {Grain} (reason {Reason}) threw; the activation is gone anyway")]
    public static partial void DeactivationFailed(ILogger logger, ActivationKey grain, DeactivationReason reason, Exception exception);

    [LoggerMessage(EventId = 1005, EventName = "GrainDeactivationTimedOut", Level = LogLevel.Warning,
        Message = "Deactivating {Grain} (reason {Reason}) did not finish in time; the activation is dropped")]
    public static partial void DeactivationTimedOut(ILogger logger, ActivationKey grain, DeactivationReason reason);

    [LoggerMessage(EventId = 1006, EventName = "GrainCallFailed", Level = LogLevel.Debug,
        Message = "{Method} on {Grain} threw {ExceptionType}; the exception goes to the caller")]
    public static partial void CallFailed(ILogger logger, string method, ActivationKey grain, string exceptionType);

    [LoggerMessage(EventId = 1007, EventName = "GrainTimerFailed", Level = LogLevel.Warning,
        Message = "A timer callback of {Grain} threw; the timer keeps running")]
    public static partial void TimerFailed(ILogger logger, ActivationKey grain, Exception exception);

    [LoggerMessage(EventId = 1008, EventName = "GrainSweepFailed", Level = LogLevel.Error,
        Message = "Idle sweep failed; the next one tries again")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1009, EventName = "GrainRuntimeStopped", Level = LogLevel.Information,
        Message = "Grain runtime stopped: {Completed} activations deactivated, {Failed} failed, {TimedOut} timed out")]
    public static partial void ShutdownSummary(ILogger logger, int completed, int failed, int timedOut);

    [LoggerMessage(EventId = 1010, EventName = "GrainCancellationCallbackFailed", Level = LogLevel.Warning,
        Message = "A cancellation callback registered by {Grain} threw while it was deactivating")]
    public static partial void CancellationCallbackFailed(ILogger logger, ActivationKey grain, Exception exception);

    [LoggerMessage(EventId = 1011, EventName = "GrainScopeDisposeFailed", Level = LogLevel.Warning,
        Message = "Disposing the services of {Grain} threw")]
    public static partial void ScopeDisposeFailed(ILogger logger, ActivationKey grain, Exception exception);
}
