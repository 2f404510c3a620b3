namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>
/// Stopwatch timestamps of one frame in the bench process: when the camera began sending it and when each
/// viewer path had it whole; 0 where that did not happen.
/// </summary>
public readonly record struct FrameTimes(long Sent, long Direct, long Forwarded);
