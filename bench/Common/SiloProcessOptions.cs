namespace CameraCloud.Bench;

/// <summary>How a <see cref="SiloProcess"/> is started when the defaults (one node on 127.0.0.1) do not fit.</summary>
public sealed record SiloProcessOptions
{
    /// <summary>Prefix of the process's forwarded output lines, to tell several nodes apart.</summary>
    public string Name { get; init; } = "silo";

    /// <summary>
    /// The loopback address every listener binds and cameras are told: several nodes on one machine each take
    /// their own (127.0.0.2, 127.0.0.3, …), as pods have their own IPs.
    /// </summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>
    /// Arguments after the defaults, given the gateway URL chosen for the process: a cluster node advertises it
    /// (<c>--Cluster:AdvertiseAddress</c>) before it exists.
    /// </summary>
    public Func<Uri, IEnumerable<string>> ExtraArgs { get; init; } = _ => [];

    /// <summary>
    /// The node's bootstrap admin API key (<c>Auth:BootstrapAdminKey</c>); null: a new random one
    /// (<see cref="SiloProcess.NewAdminKey"/>). Nodes of one cluster share one, since a forwarded request carries
    /// the client's key to the owner. Set it here rather than as an argument, which <see cref="SiloProcess.AdminKey"/>
    /// would not know.
    /// </summary>
    public string? AdminKey { get; init; }
}
