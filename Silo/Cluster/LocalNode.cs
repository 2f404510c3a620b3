using CameraCloud.Cluster;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Cluster;

/// <summary>
/// This node as the others see it: its id, roles and start time from <see cref="ClusterOptions"/>, and the
/// address it advertises. A configured <c>Cluster:AdvertiseAddress</c> is known at once; otherwise the address
/// is derived from the gateway's bound URL, which exists only once the server has started, so
/// <see cref="Address"/> is known from then on (<see cref="AdvertiseAddressResolver"/>).
/// </summary>
public sealed class LocalNode
{
    private Uri? _address;

    public LocalNode(IOptions<ClusterOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ClusterOptions value = options.Value;
        NodeId = value.NodeId ?? throw new InvalidOperationException("Cluster:NodeId is not set; AddCluster sets its default.");
        Roles = [.. value.Roles ?? [.. ClusterRoles.All]];
        StartedAt = time.GetUtcNow();
        if (value.AdvertiseAddress is { } configured)
        {
            _address = new Uri(configured, UriKind.Absolute);
            IsAddressConfigured = true;
        }
    }

    public string NodeId { get; }

    public IReadOnlyList<string> Roles { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Whether <see cref="Address"/> came from <c>Cluster:AdvertiseAddress</c>.</summary>
    public bool IsAddressConfigured { get; }

    public bool IsAddressKnown => Volatile.Read(ref _address) is not null;

    /// <summary>Where other nodes reach this node's gateway.</summary>
    /// <exception cref="InvalidOperationException">Not configured, and the server has not started yet.</exception>
    public Uri Address => Volatile.Read(ref _address) ?? throw new InvalidOperationException(
        $"Cluster node {NodeId} knows its address once the host has started (it comes from the gateway's bound URL); " +
        "set Cluster:AdvertiseAddress to know it earlier.");

    /// <summary>This node's advertisement with <paramref name="lastHeartbeat"/>.</summary>
    public ClusterNode ToClusterNode(DateTimeOffset lastHeartbeat) => new(NodeId, Address, Roles, StartedAt, lastHeartbeat);

    /// <summary>Sets the derived address; the first one set stays.</summary>
    internal void UseAddress(Uri address) => Interlocked.CompareExchange(ref _address, address, null);
}
