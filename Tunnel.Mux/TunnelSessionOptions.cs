using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

/// <summary>
/// Settings of one session. On the agent side the ping, window and stream settings are replaced by
/// what WELCOME says; the timeouts stay local.
/// </summary>
public sealed class TunnelSessionOptions
{
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(45);
    public int MaxStreams { get; set; } = TunnelLimits.DefaultMaxStreams;
    public int InitialWindow { get; set; } = TunnelLimits.DefaultInitialWindow;
    public TimeSpan OpenTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan ControlTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Outgoing DATA frames queued at most (and the base of the control queue's bound).</summary>
    public int MaxQueuedFrames { get; set; } = 256;

    /// <summary>How long an ending session waits for its GOAWAY to go out and for the peer's close before it aborts the socket.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>CONTROL requests an agent handles at once; more are answered "busy".</summary>
    public int MaxConcurrentControls { get; set; } = 16;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a setting out of range.</summary>
    public void Validate()
    {
        RequirePositive(PingInterval, nameof(PingInterval));
        RequirePositive(PingTimeout, nameof(PingTimeout));
        RequirePositive(OpenTimeout, nameof(OpenTimeout));
        RequirePositive(ControlTimeout, nameof(ControlTimeout));
        RequirePositive(HandshakeTimeout, nameof(HandshakeTimeout));
        RequirePositive(CloseTimeout, nameof(CloseTimeout));
        if (PingTimeout < PingInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(PingTimeout), PingTimeout, "PingTimeout must be at least PingInterval.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStreams, 1, nameof(MaxStreams));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialWindow, 1, nameof(InitialWindow));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InitialWindow, TunnelLimits.MaxWindow, nameof(InitialWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedFrames, 1, nameof(MaxQueuedFrames));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentControls, 1, nameof(MaxConcurrentControls));
    }

    internal TunnelSessionOptions Clone() => (TunnelSessionOptions)MemberwiseClone();

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }
}
