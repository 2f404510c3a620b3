using CameraCloud.Cluster;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Cluster;

/// <summary>Fails the start on cluster settings that cannot work, naming the key and the value.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    private const string Section = ClusterOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        List<string> failures = [];
        if (!ClusterOptions.IsValidNodeId(options.NodeId))
        {
            failures.Add(
                $"{Section}:NodeId '{options.NodeId}' is not a usable node id: use 1 to {ClusterOptions.MaxNodeIdLength} " +
                "characters of A-Z, a-z, 0-9, '.', '_' and '-', or leave it unset for '<hostname>-<6 random hex>'.");
        }

        if (options.AdvertiseAddress is { } address && !IsAbsoluteHttp(address))
        {
            failures.Add(
                $"{Section}:AdvertiseAddress '{address}' must be an absolute http:// or https:// URL where other nodes " +
                "reach this node's gateway, e.g. 'http://10.0.0.5:8080', or unset to derive it from the bound URL.");
        }

        ValidateRoles(options.Roles, failures);
        RequirePositive(failures, nameof(options.HeartbeatInterval), options.HeartbeatInterval);
        RequirePositive(failures, nameof(options.NodeExpiry), options.NodeExpiry);
        RequirePositive(failures, nameof(options.LeaseDuration), options.LeaseDuration);
        if (options.HeartbeatInterval > TimeSpan.Zero && options.NodeExpiry < options.HeartbeatInterval * 3)
        {
            failures.Add(
                $"{Section}:NodeExpiry ({options.NodeExpiry}) must be at least 3 x {Section}:HeartbeatInterval " +
                $"({options.HeartbeatInterval * 3}), so that a late heartbeat or two do not drop a live node.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAbsoluteHttp(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out Uri? uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    private static void ValidateRoles(List<string>? roles, List<string> failures)
    {
        if (roles is null)
        {
            return;
        }

        if (roles.Count == 0)
        {
            failures.Add($"{Section}:Roles names no role; give at least one of '{string.Join("', '", ClusterRoles.All)}'.");
        }

        foreach (string role in roles)
        {
            if (!ClusterRoles.All.Contains(role, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{Section}:Roles has an unknown role '{role}'; the roles are '{string.Join("', '", ClusterRoles.All)}'.");
            }
        }
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        // Redis expiries count whole milliseconds; a timer allows about 49 days.
        if (value < TimeSpan.FromMilliseconds(1) || value.TotalMilliseconds > uint.MaxValue - 1)
        {
            failures.Add($"{Section}:{key} must be a time span from 1 ms to 49 days, e.g. 00:00:02 (it is {value}).");
        }
    }
}
