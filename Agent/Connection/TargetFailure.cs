namespace CameraCloud.Agent.Connection;

/// <summary>Why a stream's target could not be reached; the session turns it into a RESET code.</summary>
public enum TargetFailure
{
    UnknownTarget,
    TargetUnreachable,
}
