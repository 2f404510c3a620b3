using System.Security.Cryptography;
using System.Text;
using CameraCloud.Cluster;

namespace CameraCloud.Silo.Cluster;

/// <summary>
/// Configuration section <c>Cluster</c>: who this node is to the others, and the rhythm of heartbeats and
/// device leases. The store follows <c>Storage:Provider</c>: <c>Embedded</c> is one node on its own,
/// <c>Redis</c> shares the directory and the membership through the Redis server of <c>Storage:Redis</c>.
/// </summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>The longest node id: it is part of Redis keys and of every directory entry.</summary>
    public const int MaxNodeIdLength = 64;

    /// <summary>
    /// Unique per process start. Default: <c>&lt;hostname&gt;-&lt;6 random hex&gt;</c>, chosen once when the
    /// cluster services are registered. 1 to 64 characters of <c>A-Z a-z 0-9 . _ -</c>.
    /// </summary>
    public string? NodeId { get; set; }

    /// <summary>
    /// The absolute http(s) URL where other nodes reach this node's gateway port. Default: the gateway's first
    /// bound http URL once the server has started, with a wildcard or <c>localhost</c> host replaced by this
    /// machine's first non-loopback IPv4 address that is up (else 127.0.0.1).
    /// </summary>
    public string? AdvertiseAddress { get; set; }

    /// <summary>What this node runs (<see cref="ClusterRoles"/>); default both <c>edge</c> and <c>gateway</c>.</summary>
    public List<string>? Roles { get; set; }

    /// <summary>How often the node refreshes its advertisement and reads the live nodes.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an advertisement lives without a heartbeat; at least 3 heartbeats.</summary>
    public TimeSpan NodeExpiry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a device's lease lives without renewal; renewed every third of it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the leases are renewed: a third of <see cref="LeaseDuration"/>, so two rounds may fail.</summary>
    public TimeSpan RenewalInterval => LeaseDuration / 3;

    /// <summary>
    /// Fills what configuration left unset: the node id chosen at registration, both roles. Roles are matched
    /// case-insensitively and may be given comma-separated (<c>--Cluster:Roles:0=edge,gateway</c>); known ones
    /// take their canonical spelling, unknown ones stay for the validator to name.
    /// </summary>
    internal void ApplyDefaults(string defaultNodeId)
    {
        if (string.IsNullOrEmpty(NodeId))
        {
            NodeId = defaultNodeId;
        }

        if (Roles is null)
        {
            Roles = [.. ClusterRoles.All];
            return;
        }

        Roles = Roles
            .SelectMany(role => (role ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(role => ClusterRoles.All.FirstOrDefault(known => known.Equals(role, StringComparison.OrdinalIgnoreCase)) ?? role)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The roles configuration asks for, with the same defaults and spelling rules the options get, for the
    /// composition root, which decides what to register before options exist. Unknown roles are left out here;
    /// the validator fails the start with their names.
    /// </summary>
    public static IReadOnlySet<string> ReadRoles(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ClusterOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection(SectionName), options);
        options.ApplyDefaults("unused");
        return options.Roles!.Where(ClusterRoles.All.Contains).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A fresh default node id: the host name made safe, a dash and 6 random hex digits.</summary>
    public static string NewNodeId(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        const int suffix = 7;
        var safe = new StringBuilder(Math.Min(hostName.Length, MaxNodeIdLength - suffix));
        foreach (char c in hostName)
        {
            if (safe.Length == MaxNodeIdLength - suffix)
            {
                break;
            }

            safe.Append(IsNodeIdChar(c) ? c : '-');
        }

        return (safe.Length == 0 ? "node" : safe.ToString()) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    }

    /// <summary>Whether <paramref name="nodeId"/> is 1 to 64 characters of <c>A-Z a-z 0-9 . _ -</c>.</summary>
    public static bool IsValidNodeId(string? nodeId) =>
        !string.IsNullOrEmpty(nodeId) && nodeId.Length <= MaxNodeIdLength && nodeId.All(IsNodeIdChar);

    private static bool IsNodeIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
