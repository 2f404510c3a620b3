namespace CameraCloud.Silo.Runtime;

/// <summary>How one deactivation ended, for the shutdown summary.</summary>
internal enum DeactivationOutcome
{
    Completed,

    /// <summary><c>OnDeactivateAsync</c> threw.</summary>
    Failed,

    /// <summary>The last turn or <c>OnDeactivateAsync</c> did not finish in time.</summary>
    TimedOut,
}
