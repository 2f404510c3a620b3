namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>The bound on every wait in the cluster tests: a failure fails within it instead of hanging.</summary>
internal static class TestWait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static CancellationTokenSource Token() => new(Timeout);
}
