namespace CameraCloud.Silo.Runtime;

/// <summary>What an activation says to a call that wants to queue for a turn.</summary>
internal enum CallAdmission
{
    Admitted,

    /// <summary>The activation is going away: wait for it to finish and use a fresh one.</summary>
    Deactivating,

    /// <summary>Too many calls are queued already.</summary>
    QueueFull,

    /// <summary>The activation failed to activate; the call fails with that failure instead of retrying at once.</summary>
    ActivationFailed,
}
