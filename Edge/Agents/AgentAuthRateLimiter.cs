using System.Net;
using System.Net.Sockets;
using CameraCloud.Agents;
using Microsoft.Extensions.Options;

namespace CameraCloud.Edge.Agents;

/// <summary>
/// Counts failed agent logins per address in fixed one-minute windows; an address at the limit is refused
/// until its window ends. IPv6 addresses count per /64, since one host can rotate through its whole prefix.
/// Memory is bounded: at most <see cref="TunnelOptions.MaxTrackedAddresses"/> addresses are tracked, expired
/// windows are dropped first, then the oldest.
/// </summary>
public sealed class AgentAuthRateLimiter(IOptions<TunnelOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly int _limit = options.Value.AuthFailuresPerMinute;
    private readonly int _maxTracked = options.Value.MaxTrackedAddresses;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int TrackedAddresses
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>True while <paramref name="address"/> has used up its failures; <paramref name="retryAfter"/> is when it may try again.</summary>
    public bool IsBlocked(IPAddress? address, out TimeSpan retryAfter)
    {
        var key = KeyOf(address);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && now < entry.WindowStart + Window && entry.Failures >= _limit)
            {
                retryAfter = entry.WindowStart + Window - now;
                return true;
            }
        }
        retryAfter = TimeSpan.Zero;
        return false;
    }

    /// <returns>The failures of the address in its current window, this one included.</returns>
    public int RecordFailure(IPAddress? address)
    {
        var key = KeyOf(address);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && now < entry.WindowStart + Window)
            {
                entry = entry with { Failures = entry.Failures + 1 };
            }
            else
            {
                if (!_entries.ContainsKey(key))
                {
                    MakeRoom(now);
                }
                entry = new Entry(now, 1);
            }
            _entries[key] = entry;
            return entry.Failures;
        }
    }

    /// <summary>The key an address is counted under: IPv4 as is, IPv6 by its /64 prefix.</summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "?";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_entries.Count < _maxTracked)
        {
            return;
        }
        foreach (var (key, entry) in _entries)
        {
            if (now >= entry.WindowStart + Window)
            {
                _entries.Remove(key);
            }
        }
        if (_entries.Count >= _maxTracked)
        {
            // Everyone is inside a window: the one that started first ends soonest anyway.
            var oldest = _entries.MinBy(e => e.Value.WindowStart).Key;
            _entries.Remove(oldest);
        }
    }

    private readonly record struct Entry(DateTimeOffset WindowStart, int Failures);
}
