using System.ComponentModel.DataAnnotations;

namespace CameraCloud.Edge.V720;

/// <summary>Where the V720 listeners bind and what cameras are told (configuration section "V720").</summary>
public sealed class V720Options
{
    public const string SectionName = "V720";

    /// <summary>HTTP bootstrap port (§2.2). Cameras always use 80; other values are for tests and proxies.</summary>
    [Range(1, 65535)]
    public int HttpPort { get; set; } = 80;

    /// <summary>TCP control port (§3); the UDP media socket binds the same number (§5.2).</summary>
    [Range(1, 65535)]
    public int TcpPort { get; set; } = 6123;

    /// <summary>MQTT side channel port (§7).</summary>
    [Range(1, 65535)]
    public int MqttPort { get; set; } = 1883;

    /// <summary>
    /// The IPv4 address cameras are told to dial (getA9ConfCheck <c>host</c>, code 11 <c>cliNatIp</c>).
    /// Empty: the first non-loopback IPv4 address of an interface that is up, logged at start.
    /// </summary>
    public string? PublicHost { get; set; }

    /// <summary>Address the listeners bind; all interfaces by default.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>A control connection that sends nothing for this long is closed (cameras heartbeat every 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ControlIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest control payload accepted; a header announcing more closes the connection.</summary>
    [Range(256, 1024 * 1024)]
    public int MaxControlPayload { get; set; } = 64 * 1024;

    /// <summary>Largest reassembled JPEG; bigger frames are dropped as corrupt.</summary>
    [Range(16 * 1024, 8 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 512 * 1024;

    /// <summary>CMD 605 period while streaming (§6.3).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:01")]
    public TimeSpan AckInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>301/0 is never sent sooner than this after 301/3 (a stop right after a start wedges some firmware).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan MinStartToStop { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Control messages waiting to be written to one camera; a camera that stops reading is disconnected.</summary>
    [Range(4, 4096)]
    public int MaxQueuedControlMessages { get; set; } = 64;

    /// <summary>UDP receive buffer asked of the kernel (it may grant less; the granted size is logged).</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int UdpReceiveBufferBytes { get; set; } = 8 * 1024 * 1024;
}
