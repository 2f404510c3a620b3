namespace CameraCloud.Agent.Connection;

/// <summary>A refused OPEN: the target is not configured, or its TCP connect failed or timed out.</summary>
public sealed class TargetConnectException(TargetFailure failure, string message) : Exception(message)
{
    public TargetFailure Failure { get; } = failure;
}
