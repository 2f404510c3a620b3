namespace CameraCloud.Agent.Connection;

/// <summary>A failed dial, with what the server said when it said anything.</summary>
public sealed class DialException(DialFailure failure, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public DialFailure Failure { get; } = failure;

    /// <summary>The server's Retry-After, for 429.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
