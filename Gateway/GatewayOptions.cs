namespace CameraCloud.Gateway;

/// <summary>Gateway settings, bound from the "Gateway" configuration section and checked at start.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>How long a snapshot waits for the first frame of a stream it had to start.</summary>
    public TimeSpan SnapshotTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How old the camera's latest frame may be to serve it as a snapshot without waiting.</summary>
    public TimeSpan SnapshotMaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest JSON request body accepted, in bytes.</summary>
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024;
}
