using System.ComponentModel.DataAnnotations;

namespace CameraCloud.Agents;

/// <summary>
/// Settings of agents and their tunnels (configuration section "Tunnel"), read by the grains (port table),
/// the edge (sessions, authentication) and the gateway (port listeners, URLs). Validated at start.
/// </summary>
public sealed class TunnelOptions
{
    public const string SectionName = "Tunnel";

    /// <summary>Gateway ports handed to agent targets, <c>first-last</c> inclusive.</summary>
    public string PortRange { get; set; } = "20000-20999";

    /// <summary>Address the per-target ports bind; all interfaces by default.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Host name put into the RTSP/HTTP URLs the API shows; empty: the host the API request was sent to.</summary>
    public string? PublicHost { get; set; }

    /// <summary>Streams open at once per agent (WELCOME <c>maxStreams</c>); also the connections one gateway port serves at once.</summary>
    [Range(1, 1024)]
    public int MaxStreamsPerAgent { get; set; } = 64;

    /// <summary>How often the edge reports an agent's traffic to its grain while the session is up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan TrafficReportInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a control request waits for the agent's answer before the API answers 504.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ControlTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed agent logins one address may make per minute; beyond it the address gets 429.</summary>
    [Range(1, 10_000)]
    public int AuthFailuresPerMinute { get; set; } = 10;

    /// <summary>Addresses whose failures are tracked at once (bounds the limiter's memory).</summary>
    [Range(16, 1_000_000)]
    public int MaxTrackedAddresses { get; set; } = 10_000;

    /// <summary>The parsed <see cref="PortRange"/>; throws <see cref="FormatException"/> when it is not a range.</summary>
    public TunnelPortRange GetPortRange() => TunnelPortRange.Parse(PortRange);
}
