namespace CameraCloud.Edge.V720;

/// <summary>Where a camera is in the §5.2 start sequence.</summary>
public enum V720StreamPhase
{
    Idle,

    /// <summary>Code 11 sent; waiting for the camera's UDP probe (51).</summary>
    AwaitingProbe,

    /// <summary>53, 301/298 and 301/4 sent; waiting for the base-info answer before 301/3.</summary>
    AwaitingBaseInfo,

    /// <summary>301/3 sent; media may flow.</summary>
    Started,
}
