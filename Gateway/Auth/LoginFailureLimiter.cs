using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway.Auth;

/// <summary>
/// Counts failed API logins in one-minute windows, per client address (IPv6 per /64: one host can rotate through its
/// prefix) and per key id, so neither guessing from one place nor guessing one key from many places goes on for
/// long. A key id alone never locks its owner out for good: the window ends within a minute. The partitions are
/// the framework's fixed-window limiters; idle ones are dropped by it.
/// </summary>
public sealed class LoginFailureLimiter : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures;

    public LoginFailureLimiter(IOptions<AuthOptions> options)
    {
        var limit = options.Value.FailedLoginsPerMinute;
        _failures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>True while the address, or the key id when there is one, has used up its failures.</summary>
    public bool IsBlocked(IPAddress? address, string? keyId) =>
        IsExhausted(AddressPartition(address)) || (keyId is not null && IsExhausted(KeyPartition(keyId)));

    public void RecordFailure(IPAddress? address, string? keyId)
    {
        _failures.AttemptAcquire(AddressPartition(address)).Dispose();
        if (keyId is not null)
        {
            _failures.AttemptAcquire(KeyPartition(keyId)).Dispose();
        }
    }

    public void Dispose() => _failures.Dispose();

    private bool IsExhausted(string partition)
    {
        // Zero permits asks "any left?" without using one up.
        using var lease = _failures.AttemptAcquire(partition, permitCount: 0);
        return !lease.IsAcquired;
    }

    private static string KeyPartition(string keyId) => "key:" + keyId;

    private static string AddressPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "address:?";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "address:" + address;
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"address:{new IPAddress(bytes)}/64";
    }
}
