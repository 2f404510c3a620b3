namespace CameraCloud.V720.Simulator;

/// <summary>
/// How one simulated V720 camera behaves. Defaults follow a real camera on FW 202212011602
/// (spec protocols/v720.md); the impairment knobs default to a perfect network.
/// </summary>
public sealed record SimulatedCameraOptions
{
    /// <summary>Where the HTTP bootstrap goes (the camera resolves <c>v720.naxclow.com</c> to this).</summary>
    public string ServerHost { get; init; } = "127.0.0.1";

    public int HttpPort { get; init; } = 80;

    /// <summary>Dial this host instead of the <c>host</c> that getA9ConfCheck returned (null: use the reply).</summary>
    public string? TcpHostOverride { get; init; }

    /// <summary>Dial this port instead of the <c>tcpPort</c> that getA9ConfCheck returned (null: use the reply).</summary>
    public int? TcpPortOverride { get; init; }

    /// <summary>Send UDP (20, 51 fallback, media fallback) to this port instead of the TCP port number (null: same number, spec §1).</summary>
    public int? UdpPortOverride { get; init; }

    /// <summary>The camera's stored id; null makes it call registerDevices + confirm first, like a first boot.</summary>
    public string? DeviceId { get; init; }

    public string Firmware { get; init; } = "202212011602";

    /// <summary>Call ApiSysDevices/getDevInfo before getA9ConfCheck, like firmware from about 202411 on.</summary>
    public bool CallGetDevInfo { get; init; }

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    public int Fps { get; init; } = 10;

    public bool SendAudio { get; init; } = true;

    /// <summary><see cref="CameraCloud.Codecs.V720.V720Cmd.G711ALaw"/> (4, default) or <see cref="CameraCloud.Codecs.V720.V720Cmd.Pcm"/> (6).</summary>
    public ushort AudioCmd { get; init; } = CameraCloud.Codecs.V720.V720Cmd.G711ALaw;

    /// <summary>Streaming stops when no 605 arrived for this long; <see cref="Timeout.InfiniteTimeSpan"/> never stops.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Fraction (0..1) of media packets not sent; their pkg_id is used up all the same, like a loss on the air.</summary>
    public double PacketLossRate { get; init; }

    /// <summary>Fraction (0..1) of frames whose trailer declares a wrong JPEG length.</summary>
    public double CorruptFrameRate { get; init; }

    /// <summary>Chance (0..1) per media packet of an extra datagram of random bytes and random size.</summary>
    public double GarbageDatagramRate { get; init; }

    /// <summary>Seed of every random choice (query strings, impairments); null: not reproducible.</summary>
    public int? Seed { get; init; }

    /// <summary>First pkg_id of the camera's media counter; set near <see cref="uint.MaxValue"/> to test wrap-around.</summary>
    public uint InitialPkgId { get; init; } = 1;

    /// <summary>Timeout of each HTTP bootstrap exchange and of the TCP connect (wall clock).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the 101 after sending the register (wall clock).</summary>
    public TimeSpan RegisterTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Default timeout of the Wait*Async helpers (wall clock).</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After losing TCP, reconnect and register again after this delay (null: stay offline).</summary>
    public TimeSpan? ReconnectDelay { get; init; }

    /// <summary>
    /// When a reconnect cannot reach the control server it had, run the HTTP bootstrap again (through
    /// <see cref="ServerHost"/>) and dial the server it names now, like firmware that resolves its cloud again
    /// after a power cycle. Off: keep dialling the first server, as the capture shows for a short outage.
    /// </summary>
    public bool BootstrapAgainWhenServerGone { get; init; }

    /// <summary>Capacity of <see cref="SimulatedCamera.Acks"/>; the oldest entries are dropped.</summary>
    public int AckLogCapacity { get; init; } = 256;

    /// <summary>Capacity of <see cref="SimulatedCamera.ReceivedCommands"/>; the oldest entries are dropped.</summary>
    public int CommandLogCapacity { get; init; } = 256;

    /// <summary>Clock of heartbeats, media pacing, the 605 timeout and log timestamps (network timeouts use the wall clock).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Connect the MQTT side channel (spec §7) after registering, like a real camera.</summary>
    public bool UseMqtt { get; init; }

    /// <summary>MQTT port (the camera resolves <c>v720.p2p.naxclow.com</c> to <see cref="ServerHost"/>).</summary>
    public int MqttPort { get; init; } = 1883;

    /// <summary>
    /// Called on the media loop with each frame's sequence number (the seq of its tag) just before its first
    /// datagram goes to the socket, so a load run can time frames from camera to viewer on its own clock; before
    /// rather than after, so that no viewer can see the frame ahead of the call. Runs inline: keep it cheap.
    /// </summary>
    public Action<long>? FrameSending { get; init; }

    /// <summary>Optional sink for a line per notable event (dependency-free on purpose).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(ServerHost), nameof(ServerHost), "must not be empty");
        Require(HttpPort is > 0 and <= 65535, nameof(HttpPort), "must be a port number");
        Require(TcpPortOverride is null or (> 0 and <= 65535), nameof(TcpPortOverride), "must be a port number");
        Require(MqttPort is > 0 and <= 65535, nameof(MqttPort), "must be a port number");
        Require(UdpPortOverride is null or (> 0 and <= 65535), nameof(UdpPortOverride), "must be a port number");
        Require(DeviceId is null || IsPrintableToken(DeviceId), nameof(DeviceId), "must be printable ASCII without spaces");
        Require(IsPrintableToken(Firmware), nameof(Firmware), "must be printable ASCII without spaces");
        Require(HeartbeatInterval >= TimeSpan.FromMilliseconds(1), nameof(HeartbeatInterval), "must be at least 1 ms");
        Require(Fps is >= 1 and <= 60, nameof(Fps), "must be 1..60");
        Require(AudioCmd is CameraCloud.Codecs.V720.V720Cmd.G711ALaw or CameraCloud.Codecs.V720.V720Cmd.Pcm,
            nameof(AudioCmd), "must be 4 (A-law) or 6 (PCM)");
        Require(AckTimeout == Timeout.InfiniteTimeSpan || AckTimeout > TimeSpan.Zero, nameof(AckTimeout),
            "must be positive or Timeout.InfiniteTimeSpan");
        Require(PacketLossRate is >= 0 and <= 1, nameof(PacketLossRate), "must be 0..1");
        Require(CorruptFrameRate is >= 0 and <= 1, nameof(CorruptFrameRate), "must be 0..1");
        Require(GarbageDatagramRate is >= 0 and <= 1, nameof(GarbageDatagramRate), "must be 0..1");
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Require(RegisterTimeout > TimeSpan.Zero, nameof(RegisterTimeout), "must be positive");
        Require(WaitTimeout > TimeSpan.Zero, nameof(WaitTimeout), "must be positive");
        Require(TimeProvider is not null, nameof(TimeProvider), "must not be null");
        Require(ReconnectDelay is null || ReconnectDelay >= TimeSpan.Zero, nameof(ReconnectDelay), "must not be negative");
        Require(AckLogCapacity is >= 1 and <= 1_000_000, nameof(AckLogCapacity), "must be 1..1000000");
        Require(CommandLogCapacity is >= 1 and <= 1_000_000, nameof(CommandLogCapacity), "must be 1..1000000");
    }

    private static bool IsPrintableToken(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => c is > ' ' and < (char)127 and not '"' and not '\\' and not '&');

    private static void Require(bool condition, string name, string what)
    {
        if (!condition)
        {
            throw new ArgumentException($"SimulatedCameraOptions.{name} {what}.", name);
        }
    }
}
