namespace CameraCloud.Silo.Runtime;

/// <summary>Life of an activation; it only moves forward.</summary>
internal enum ActivationState
{
    /// <summary>State is being read and <c>OnActivateAsync</c> runs; calls queue behind it.</summary>
    Activating,

    /// <summary>Serving calls and timer turns.</summary>
    Active,

    /// <summary>Takes no new calls; <c>OnDeactivateAsync</c> runs as the last turn.</summary>
    Deactivating,

    /// <summary>Gone from the directory; a call made now gets a fresh activation.</summary>
    Deactivated,
}
