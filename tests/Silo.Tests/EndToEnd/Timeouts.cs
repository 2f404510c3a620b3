namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>Upper bounds for waits, so a broken behaviour fails the test instead of hanging it.</summary>
internal static class Timeouts
{
    public static CancellationToken Short => new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token;

    public static CancellationToken Long => new CancellationTokenSource(TimeSpan.FromSeconds(45)).Token;
}
