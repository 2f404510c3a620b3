namespace CameraCloud.Actors;

public enum DeactivationReason
{
    /// <summary>No call for longer than the idle time.</summary>
    Idle,

    /// <summary>The grain asked for it (<see cref="IGrainContext.DeactivateOnIdle"/>).</summary>
    Requested,

    /// <summary>The silo is stopping.</summary>
    Shutdown,

    /// <summary>Activation failed or a turn threw an unrecoverable error.</summary>
    Failed,
}
