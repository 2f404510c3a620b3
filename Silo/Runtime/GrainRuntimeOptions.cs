namespace CameraCloud.Silo.Runtime;

/// <summary>Configuration section <c>Grains</c>: lifetimes and bounds of grain activations.</summary>
public sealed class GrainRuntimeOptions
{
    public const string SectionName = "Grains";

    /// <summary>An activation without calls for this long is deactivated by the next sweep.</summary>
    public TimeSpan IdleDeactivationAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bounds reading state plus <c>OnActivateAsync</c>; the waiting calls fail after it.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bounds waiting for the last turn plus <c>OnDeactivateAsync</c> of one activation.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls queued on (or running in) one activation beyond this are refused, not queued.</summary>
    public int MaxQueuedCallsPerActivation { get; set; } = 1000;
}
