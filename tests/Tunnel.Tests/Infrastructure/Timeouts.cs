namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>Every wait in these tests is bounded, so a failure fails fast instead of hanging.</summary>
internal static class Timeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    /// <summary>For bulk transfers on a shared 2-core machine.</summary>
    public static readonly TimeSpan Bulk = TimeSpan.FromSeconds(120);

    public static CancellationToken Token(TimeSpan? timeout = null) => new CancellationTokenSource(timeout ?? Default).Token;
}
