using System.Globalization;
using System.Security.Cryptography;
using CameraCloud.Cluster;
using CameraCloud.Silo.Storage.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ClusterNode = CameraCloud.Cluster.ClusterNode;

namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>
/// The membership shared through Redis. Layout: each node's advertisement (<see cref="NodeAdvertisement"/>) at
/// <c>cameracloud:node:{nodeId}</c> with a PEXPIRE of <see cref="ClusterOptions.NodeExpiry"/>, refreshed every
/// <see cref="ClusterOptions.HeartbeatInterval"/>; the set <c>cameracloud:nodes</c> of their ids; the internal key
/// at <c>cameracloud:cluster:key</c>, set once by whichever node starts first. Each heartbeat round also reads
/// the live nodes and removes the ids whose advertisement expired, so <see cref="LiveNodes"/> is as fresh as the
/// latest round. A node that stops gracefully deletes its advertisement, so the others drop it at their next round.
/// A failing heartbeat is logged once per outage and retried; it never stops the node.
/// </summary>
public sealed class RedisClusterMembership : IClusterMembership
{
    internal const string NodeKeyPrefix = "cameracloud:node:";
    internal const string NodesKey = "cameracloud:nodes";
    internal const string InternalKeyKey = "cameracloud:cluster:key";

    private readonly RedisConnection _connection;
    private readonly LocalNode _node;
    private readonly TimeProvider _time;
    private readonly ClusterOptions _options;
    private readonly ILogger<RedisClusterMembership> _logger;

    // Written by the heartbeat round only (one at a time); read by anyone.
    private MembershipView _view = MembershipView.Empty;
    private string? _internalKey;
    private long _lastHeartbeatTicks;

    // The heartbeat round's own state.
    private readonly Dictionary<string, DateTimeOffset> _seenAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedUnreadable = new(StringComparer.Ordinal);
    private bool _heartbeatFailing;

    public RedisClusterMembership(
        RedisConnection connection, LocalNode node, IOptions<ClusterOptions> options, TimeProvider time, ILogger<RedisClusterMembership> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _node = node;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _lastHeartbeatTicks = node.StartedAt.UtcTicks;
    }

    public ClusterNode Self => _node.ToClusterNode(new DateTimeOffset(Interlocked.Read(ref _lastHeartbeatTicks), TimeSpan.Zero));

    /// <exception cref="InvalidOperationException">Before the node joined (at start).</exception>
    public string InternalKey => Volatile.Read(ref _internalKey)
        ?? throw new InvalidOperationException("The cluster's internal key is known once this node has joined (when the host starts).");

    /// <summary>The live nodes as of the latest heartbeat round; empty before the first.</summary>
    public IReadOnlyList<ClusterNode> LiveNodes => Volatile.Read(ref _view).Nodes;

    public ClusterNode? FindLive(string nodeId) =>
        Volatile.Read(ref _view).ById.TryGetValue(nodeId, out ClusterNode? node) ? node : null;

    /// <summary>Reads the cluster's internal key, storing a fresh one if this is the first node.</summary>
    /// <exception cref="DirectoryUnavailableException">Redis did not answer.</exception>
    internal async Task JoinAsync(CancellationToken ct)
    {
        string fresh = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        RedisResult stored = await CallAsync(
            db => db.ScriptEvaluateAsync(RedisMembershipScripts.Join, [InternalKeyKey], [fresh]), "read the cluster's internal key", ct);
        string? key = (string?)stored;
        Volatile.Write(ref _internalKey, string.IsNullOrEmpty(key)
            ? throw new DirectoryUnavailableException($"The cluster's internal key at {InternalKeyKey} in Redis {_connection.Endpoints} is empty.")
            : key);
    }

    /// <summary>
    /// One heartbeat round: refreshes this node's advertisement and reads the live nodes. Needs the node's address
    /// (known once the host has started). Never throws but for cancellation; returns whether Redis answered.
    /// </summary>
    internal async Task<bool> HeartbeatAsync(CancellationToken ct)
    {
        DateTimeOffset now = _time.GetUtcNow();
        ClusterNode self = _node.ToClusterNode(now);
        RedisResult[] reply;
        try
        {
            RedisKey[] keys = [NodeKeyPrefix + self.NodeId, NodesKey, InternalKeyKey];
            RedisValue[] args =
            [
                NodeAdvertisement.Of(self).ToJson(),
                ((long)Math.Ceiling(_options.NodeExpiry.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture),
                self.NodeId,
                NodeKeyPrefix,
                Volatile.Read(ref _internalKey) ?? "",
            ];
            reply = (RedisResult[])(await CallAsync(db => db.ScriptEvaluateAsync(RedisMembershipScripts.Heartbeat, keys, args), "heartbeat", ct))!;
        }
        catch (DirectoryUnavailableException ex)
        {
            if (!_heartbeatFailing)
            {
                _heartbeatFailing = true;
                ClusterLog.HeartbeatFailing(_logger, ex.Message, _options.HeartbeatInterval);
            }

            List<ClusterNode> kept = ForgetUnseen(Volatile.Read(ref _view).Nodes, now, out string[] dropped);
            Publish(kept, dropped);
            return false;
        }

        if (_heartbeatFailing)
        {
            _heartbeatFailing = false;
            ClusterLog.HeartbeatResumed(_logger);
        }

        Interlocked.Exchange(ref _lastHeartbeatTicks, now.UtcTicks);
        AdoptInternalKey((string?)reply[0]);
        List<ClusterNode> live = [self];
        _seenAt[self.NodeId] = now;
        HashSet<string> unreadable = new(StringComparer.Ordinal);
        ReadLive((RedisResult[])reply[1]!, live, unreadable, now);
        ReadUnreadable((RedisResult[])reply[3]!, unreadable);
        string[] expired = (string[])reply[2]!;
        _reportedUnreadable.IntersectWith(unreadable);
        foreach (string id in expired)
        {
            _seenAt.Remove(id);
        }

        Publish(live, expired);
        return true;
    }

    /// <summary>Removes this node's advertisement, so the others drop it at their next round.</summary>
    internal async Task LeaveAsync(CancellationToken ct)
    {
        try
        {
            RedisKey[] keys = [NodeKeyPrefix + _node.NodeId, NodesKey];
            await CallAsync(db => db.ScriptEvaluateAsync(RedisMembershipScripts.Leave, keys, [_node.NodeId]), "leave", ct);
        }
        catch (DirectoryUnavailableException ex)
        {
            ClusterLog.LeaveFailed(_logger, _node.NodeId, ex.Message, _options.NodeExpiry);
        }
    }

    private void ReadLive(RedisResult[] pairs, List<ClusterNode> live, HashSet<string> unreadable, DateTimeOffset now)
    {
        for (int i = 0; i + 1 < pairs.Length; i += 2)
        {
            string id = (string)pairs[i]!;
            if (id == _node.NodeId)
            {
                continue;
            }

            if (NodeAdvertisement.TryRead(id, (string?)pairs[i + 1], out string? problem) is { } node)
            {
                live.Add(node);
                _seenAt[id] = now;
            }
            else
            {
                unreadable.Add(id);
                Unreadable(id, problem!);
            }
        }
    }

    private void ReadUnreadable(RedisResult[] pairs, HashSet<string> unreadable)
    {
        for (int i = 0; i + 1 < pairs.Length; i += 2)
        {
            string id = (string)pairs[i]!;
            unreadable.Add(id);
            Unreadable(id, (string?)pairs[i + 1] ?? "?");
        }
    }

    // Once per node id while it stays unreadable, not every round; a round that reads it again forgets the report.
    private void Unreadable(string id, string problem)
    {
        _seenAt.Remove(id);
        if (_reportedUnreadable.Add(id))
        {
            ClusterLog.NodeUnreadable(_logger, id.Length > 100 ? id[..100] + "…" : id, problem);
        }
    }

    // While Redis is away nobody can be read: a node not seen for the expiry is dropped all the same.
    private List<ClusterNode> ForgetUnseen(IReadOnlyList<ClusterNode> nodes, DateTimeOffset now, out string[] dropped)
    {
        List<ClusterNode> kept = [];
        List<string> gone = [];
        foreach (ClusterNode node in nodes)
        {
            if (node.NodeId == _node.NodeId || (_seenAt.TryGetValue(node.NodeId, out DateTimeOffset seen) && now - seen < _options.NodeExpiry))
            {
                kept.Add(node);
            }
            else
            {
                _seenAt.Remove(node.NodeId);
                gone.Add(node.NodeId);
            }
        }

        dropped = [.. gone];
        return kept;
    }

    private void Publish(List<ClusterNode> live, string[] expired)
    {
        MembershipView before = Volatile.Read(ref _view);
        MembershipView after = MembershipView.Of(live);
        foreach (ClusterNode node in after.Nodes.Where(node => !before.ById.ContainsKey(node.NodeId) && node.NodeId != _node.NodeId))
        {
            ClusterLog.NodeJoined(_logger, node.NodeId, node.InternalAddress, string.Join(',', node.Roles));
        }

        foreach (string id in expired.Where(id => id != _node.NodeId))
        {
            ClusterLog.NodeExpired(_logger, id, _options.NodeExpiry);
        }

        foreach (string id in before.ById.Keys.Where(id => !after.ById.ContainsKey(id) && !expired.Contains(id) && id != _node.NodeId))
        {
            _seenAt.Remove(id);
            ClusterLog.NodeLeft(_logger, id);
        }

        Volatile.Write(ref _view, after);
    }

    private void AdoptInternalKey(string? stored)
    {
        string? held = Volatile.Read(ref _internalKey);
        if (!string.IsNullOrEmpty(stored) && held is not null && stored != held)
        {
            ClusterLog.InternalKeyReplaced(_logger);
            Volatile.Write(ref _internalKey, stored);
        }
    }

    private async Task<RedisResult> CallAsync(Func<IDatabase, Task<RedisResult>> operation, string what, CancellationToken ct)
    {
        try
        {
            return await _connection.CallAsync(
                operation,
                (reason, inner) => new DirectoryUnavailableException(
                    $"The cluster membership on Redis {_connection.Endpoints} could not {what}: {reason}", inner),
                ct);
        }
        catch (RedisServerException ex)
        {
            throw new DirectoryUnavailableException(
                $"The cluster membership on Redis {_connection.Endpoints} could not {what}: {_connection.Mask(ex.Message)}", ex);
        }
    }
}
