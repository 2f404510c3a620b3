namespace CameraCloud.V720.Simulator;

/// <summary>Why the camera stopped its media stream.</summary>
public enum StreamStopReason
{
    /// <summary>The server sent 301 with content code 0.</summary>
    StopCommand,

    /// <summary>No 605 arrived within <see cref="SimulatedCameraOptions.AckTimeout"/>.</summary>
    MissingAcks,

    /// <summary>The TCP control connection was lost, closed or replaced.</summary>
    ConnectionLost,

    /// <summary>The simulator's media loop failed (a bug in the simulator; the exception went to the log).</summary>
    Fault,
}
