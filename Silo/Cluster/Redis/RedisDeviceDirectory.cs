using System.Globalization;
using CameraCloud.Cluster;
using CameraCloud.Silo.Storage.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>
/// The directory shared by the nodes of a cluster, in Redis. Layout: one hash per device,
/// <c>cameracloud:device:{camera|agent}:{id}</c> (<see cref="RedisDeviceKey"/>), with the fields <c>node</c>
/// (the owner's node id), <c>epoch</c> (its claim's epoch) and <c>expires</c> (lease end, ms on the Redis
/// server's clock: the scripts read TIME, so the nodes' clocks do not matter). The hash never expires, so
/// epochs keep rising after a lease lapses. All changes are Lua scripts (<see cref="RedisDirectoryScripts"/>):
/// a claim takes the stored epoch + 1 and publishes <c>"epoch node device"</c> on
/// <c>cameracloud:directory:claims</c>; one renewal round per third of the lease extends all of this node's
/// leases in one script per 500 keys, restoring hashes Redis lost. A lease learns that another node claimed its
/// device from that message at once, or from the next renewal when the message was missed; either way its
/// callback runs once. While Redis is unreachable nothing is fenced: the devices are still connected here.
/// One renewal script spans many devices' keys, so the directory wants one Redis server (replicas are fine),
/// not Redis Cluster.
/// </summary>
public sealed class RedisDeviceDirectory : IDeviceDirectory
{
    internal const string ClaimsChannel = "cameracloud:directory:claims";

    /// <summary>Keys per renewal script: one script blocks Redis while it runs, so it stays short.</summary>
    internal const int RenewalChunk = 500;

    private readonly RedisConnection _connection;
    private readonly LocalNode _node;
    private readonly TimeSpan _leaseDuration;
    private readonly string _leaseMilliseconds;
    private readonly ILogger<RedisDeviceDirectory> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<DeviceKey, RedisDeviceLease> _live = [];
    private readonly Dictionary<DeviceKey, PendingClaims> _pending = [];
    private bool _renewalFailing;

    public RedisDeviceDirectory(
        RedisConnection connection, LocalNode node, IOptions<ClusterOptions> options, ILogger<RedisDeviceDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _node = node;
        _leaseDuration = options.Value.LeaseDuration;
        _leaseMilliseconds = ((long)Math.Ceiling(_leaseDuration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        _logger = logger;
    }

    /// <summary>The leases this node renews: the newest live claim of each device held here.</summary>
    internal int LiveLeaseCount
    {
        get
        {
            lock (_gate)
            {
                return _live.Count;
            }
        }
    }

    public async Task<DeviceLease> ClaimAsync(DeviceKey device, Func<DeviceFencing, Task> onFenced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onFenced);
        RedisKey key = RedisDeviceKey.For(device);
        long floor;
        lock (_gate)
        {
            floor = _live.TryGetValue(device, out RedisDeviceLease? current) ? current.Epoch : 0;
            if (!_pending.TryGetValue(device, out PendingClaims? pending))
            {
                _pending[device] = pending = new PendingClaims();
            }

            pending.Count++;
        }

        RedisResult[] reply;
        try
        {
            RedisValue[] args = [_node.NodeId, _leaseMilliseconds, ClaimsChannel, device.ToString(), floor];
            reply = (RedisResult[])(await CallAsync(db => db.ScriptEvaluateAsync(RedisDirectoryScripts.Claim, [key], args), "claim", device, cancellationToken))!;
        }
        catch
        {
            lock (_gate)
            {
                EndPending(device);
            }

            throw;
        }

        long epoch = long.Parse((string)reply[0]!, CultureInfo.InvariantCulture);
        var lease = new RedisDeviceLease(this, device, _node.NodeId, epoch, onFenced);
        DeviceOwner? fencedBy;
        lock (_gate)
        {
            fencedBy = EndPending(device) is { } foreign && foreign.Epoch > epoch ? foreign : null;
            if (fencedBy is null && (!_live.TryGetValue(device, out RedisDeviceLease? current) || current.Epoch < epoch))
            {
                // Else a newer claim here answered first: this lease is superseded at birth and not renewed.
                _live[device] = lease;
            }
        }

        ReportClaim(device, key, epoch, reply);
        if (fencedBy is not null)
        {
            Fence(lease, fencedBy, "the claims channel, before the claim's reply");
        }

        return lease;
    }

    public async Task<DeviceOwner?> LookupAsync(DeviceKey device, CancellationToken cancellationToken)
    {
        RedisKey key = RedisDeviceKey.For(device);
        var reply = (RedisResult[])(await CallAsync(db => db.ScriptEvaluateAsync(RedisDirectoryScripts.Lookup, [key]), "look up", device, cancellationToken))!;
        switch ((string?)reply[0])
        {
            case "live":
                return new DeviceOwner((string)reply[1]!, long.Parse((string)reply[2]!, CultureInfo.InvariantCulture));
            case "bad":
                ClusterLog.EntryUnreadable(_logger, KeyText(key), (string?)reply[1] ?? "?", "the device counts as offline");
                return null;
            default:
                return null;
        }
    }

    /// <summary>Listens for other nodes' claims. The multiplexer subscribes again by itself after a reconnect.</summary>
    internal Task SubscribeAsync(CancellationToken ct) =>
        _connection.RunAsync(
            async multiplexer =>
            {
                await multiplexer.GetSubscriber().SubscribeAsync(ClaimsChannel, OnClaimNotice);
                return true;
            },
            (reason, inner) => new DirectoryUnavailableException($"The device directory could not subscribe to {ClaimsChannel} on Redis {_connection.Endpoints}: {reason}", inner),
            ct);

    internal Task UnsubscribeAsync(CancellationToken ct) =>
        _connection.RunAsync(
            async multiplexer =>
            {
                await multiplexer.GetSubscriber().UnsubscribeAsync(ClaimsChannel, OnClaimNotice);
                return true;
            },
            (reason, inner) => new DirectoryUnavailableException(reason, inner),
            ct);

    /// <summary>
    /// One renewal round over this node's live leases; called every <see cref="ClusterOptions.RenewalInterval"/>
    /// by <see cref="RedisDirectoryService"/>, one round at a time. Never throws but for cancellation: a Redis
    /// that does not answer is logged once per outage, and the leases stay (and are renewed when it is back).
    /// </summary>
    internal async Task<RenewalRound> RenewLeasesAsync(CancellationToken ct)
    {
        RedisDeviceLease[] leases;
        lock (_gate)
        {
            leases = [.. _live.Values];
        }

        int renewed = 0, restored = 0, moved = 0;
        foreach (RedisDeviceLease[] chunk in leases.Chunk(RenewalChunk))
        {
            RedisResult[] replies;
            try
            {
                replies = await RenewChunkAsync(chunk, ct);
            }
            catch (DirectoryUnavailableException ex)
            {
                if (!_renewalFailing)
                {
                    _renewalFailing = true;
                    ClusterLog.RenewalFailing(_logger, ex.Message, leases.Length);
                }

                return RenewalRound.Failed;
            }

            for (int i = 0; i < chunk.Length; i++)
            {
                var reply = (RedisResult[])replies[i]!;
                switch ((string?)reply[0])
                {
                    case "ok":
                        renewed++;
                        break;
                    case "recreated":
                        restored++;
                        ClusterLog.EntryRestored(_logger, chunk[i].Device.ToString(), chunk[i].Epoch);
                        break;
                    case "repaired":
                        restored++;
                        ClusterLog.EntryUnreadable(
                            _logger, KeyText(RedisDeviceKey.For(chunk[i].Device)), (string?)reply[1] ?? "?", "rewritten for the lease held here");
                        break;
                    default:
                        moved++;
                        Moved(chunk[i], (string)reply[1]!, long.Parse((string)reply[2]!, CultureInfo.InvariantCulture));
                        break;
                }
            }

            await ReleaseAgainAsync(chunk);
        }

        if (_renewalFailing)
        {
            _renewalFailing = false;
            ClusterLog.RenewalResumed(_logger, leases.Length);
        }

        return new RenewalRound(true, renewed, restored, moved);
    }

    /// <summary>Ends a lease disposed here: it stops being renewed and, if still the device's claim, lapses now.</summary>
    internal async Task ReleaseAsync(RedisDeviceLease lease)
    {
        lock (_gate)
        {
            if (_live.TryGetValue(lease.Device, out RedisDeviceLease? current) && current == lease)
            {
                _live.Remove(lease.Device);
            }
        }

        try
        {
            RedisKey key = RedisDeviceKey.For(lease.Device);
            RedisValue[] args = [_node.NodeId, lease.Epoch];
            await CallAsync(db => db.ScriptEvaluateAsync(RedisDirectoryScripts.Release, [key], args), "release", lease.Device, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DirectoryUnavailableException or ObjectDisposedException)
        {
            // Disposing a lease never fails: a lease not released lapses by itself.
            ClusterLog.ReleaseFailed(_logger, lease.Device.ToString(), ex.Message, _leaseDuration);
        }
    }

    private static string KeyText(RedisKey key) => (string?)key ?? "";

    private async Task<RedisResult[]> RenewChunkAsync(RedisDeviceLease[] chunk, CancellationToken ct)
    {
        RedisKey[] keys = [.. chunk.Select(lease => RedisDeviceKey.For(lease.Device))];
        RedisValue[] args = [_node.NodeId, _leaseMilliseconds, .. chunk.Select(lease => (RedisValue)lease.Epoch)];
        return (RedisResult[])(await CallAsync(db => db.ScriptEvaluateAsync(RedisDirectoryScripts.Renew, keys, args), "renew leases", null, ct))!;
    }

    // A lease released while its renewal was on the way may have been extended again: release it once more.
    private async Task ReleaseAgainAsync(RedisDeviceLease[] chunk)
    {
        foreach (RedisDeviceLease lease in chunk)
        {
            if (lease.IsReleased)
            {
                await ReleaseAsync(lease);
            }
        }
    }

    private void Moved(RedisDeviceLease lease, string node, long epoch)
    {
        lock (_gate)
        {
            if (_live.TryGetValue(lease.Device, out RedisDeviceLease? current) && current == lease)
            {
                _live.Remove(lease.Device);
            }
        }

        // A newer claim on this node replaced it: the node's own newest-connection rule closes the old session.
        if (node != _node.NodeId)
        {
            Fence(lease, new DeviceOwner(node, epoch), "lease renewal");
        }
    }

    private void OnClaimNotice(RedisChannel channel, RedisValue message)
    {
        if (!ClaimNotice.TryParse(message, out ClaimNotice notice))
        {
            string text = (string?)message ?? "";
            ClusterLog.ClaimNoticeUnreadable(_logger, text.Length > 200 ? text[..200] + "…" : text);
            return;
        }

        if (notice.Node == _node.NodeId)
        {
            return;
        }

        RedisDeviceLease? fenced = null;
        var owner = new DeviceOwner(notice.Node, notice.Epoch);
        lock (_gate)
        {
            if (_live.TryGetValue(notice.Device, out RedisDeviceLease? lease) && lease.Epoch < notice.Epoch)
            {
                _live.Remove(notice.Device);
                fenced = lease;
            }

            if (_pending.TryGetValue(notice.Device, out PendingClaims? pending) && !(pending.NewestForeign?.Epoch >= notice.Epoch))
            {
                pending.NewestForeign = owner;
            }
        }

        if (fenced is not null)
        {
            Fence(fenced, owner, "the claims channel");
        }
    }

    // Under the lock: one reply of the device's pending claims arrived; the newest other claim heard of meanwhile.
    private DeviceOwner? EndPending(DeviceKey device)
    {
        PendingClaims pending = _pending[device];
        if (--pending.Count == 0)
        {
            _pending.Remove(device);
        }

        return pending.NewestForeign;
    }

    private void Fence(RedisDeviceLease lease, DeviceOwner owner, string how)
    {
        if (!lease.TryFence())
        {
            return;
        }

        ClusterLog.DeviceFenced(_logger, lease.Device.ToString(), lease.Epoch, owner.NodeId, owner.Epoch, how);
        _ = RunOnFencedAsync(lease, new DeviceFencing(lease.Device, lease.Epoch, owner));
    }

    // Off the caller's thread (the claims channel's, a renewal's): the callback closes a connection and may take a while.
    private async Task RunOnFencedAsync(RedisDeviceLease lease, DeviceFencing fencing)
    {
        await Task.Yield();
        try
        {
            await lease.OnFenced(fencing);
        }
        catch (Exception ex)
        {
            ClusterLog.FencedCallbackFailed(_logger, lease.Device.ToString(), ex);
        }
    }

    private void ReportClaim(DeviceKey device, RedisKey key, long epoch, RedisResult[] reply)
    {
        if ((string?)reply[4] is { } problem)
        {
            ClusterLog.EntryUnreadable(_logger, KeyText(key), problem, $"claimed afresh with epoch {epoch}");
        }

        string? previous = (string?)reply[1];
        if (previous is not null && previous != _node.NodeId
            && long.TryParse((string?)reply[2], CultureInfo.InvariantCulture, out long expires)
            && expires > long.Parse((string)reply[3]!, CultureInfo.InvariantCulture))
        {
            ClusterLog.DeviceTakenOver(_logger, device.ToString(), previous, epoch);
        }
    }

    private async Task<RedisResult> CallAsync(Func<IDatabase, Task<RedisResult>> operation, string what, DeviceKey? device, CancellationToken ct)
    {
        string subject = device is { } d ? $"{what} {d}" : what;
        try
        {
            return await _connection.CallAsync(
                operation,
                (reason, inner) => new DirectoryUnavailableException(
                    $"The device directory on Redis {_connection.Endpoints} could not {subject}: {reason}", inner),
                ct);
        }
        catch (RedisServerException ex)
        {
            // Redis answered with an error (loading its data, read-only replica, out of memory): unavailable too.
            throw new DirectoryUnavailableException(
                $"The device directory on Redis {_connection.Endpoints} could not {subject}: {_connection.Mask(ex.Message)}", ex);
        }
    }
}
