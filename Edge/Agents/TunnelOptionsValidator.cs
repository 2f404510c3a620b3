using System.Net;
using CameraCloud.Agents;
using Microsoft.Extensions.Options;

namespace CameraCloud.Edge.Agents;

/// <summary>Checks what data annotations cannot: the port range and the bind address parse.</summary>
public sealed class TunnelOptionsValidator : IValidateOptions<TunnelOptions>
{
    public ValidateOptionsResult Validate(string? name, TunnelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (!TunnelPortRange.TryParse(options.PortRange, out _))
        {
            failures.Add($"Tunnel:PortRange '{options.PortRange}' must be two ports 1-65535 written first-last, the first not above the last (e.g. 20000-20999).");
        }
        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add($"Tunnel:BindAddress '{options.BindAddress}' is not an IP address.");
        }
        if (options.PublicHost is { Length: > 0 } host && Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            failures.Add($"Tunnel:PublicHost '{host}' is not a host name or IP address.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
