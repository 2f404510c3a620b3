using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CameraCloud.Agents;

namespace CameraCloud.Gateway.Agents;

/// <summary>
/// The ready-to-paste URLs of an agent's targets: <c>rtsp://host:port/path</c> for targets named rtsp…,
/// <c>http://…</c> (or https for https…) for http…, none for other names. The host is <c>Tunnel:PublicHost</c>,
/// else the host the API request was addressed to, which is what the caller can reach.
/// </summary>
public static class AgentUrls
{
    public static AgentInfo Fill(AgentInfo info, string host) =>
        info with { Targets = [.. info.Targets.Select(t => t with { Url = Build(t, host) })] };

    public static string? Build(AgentTargetView target, string host)
    {
        var scheme = SchemeFor(target.Name);
        if (scheme is null || target.GatewayPort <= 0)
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{scheme}://{UrlHost(host)}:{target.GatewayPort}{target.Path}");
    }

    /// <summary>Which host to put into URLs: the configured public host, else the request's host without its port.</summary>
    public static string ChooseHost(string? publicHost, string requestHost) =>
        string.IsNullOrWhiteSpace(publicHost) ? requestHost : publicHost.Trim();

    private static string? SchemeFor(string name)
    {
        if (name.StartsWith("rtsps", StringComparison.OrdinalIgnoreCase))
        {
            return "rtsps";
        }
        if (name.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase))
        {
            return "rtsp";
        }
        if (name.StartsWith("https", StringComparison.OrdinalIgnoreCase))
        {
            return "https";
        }
        return name.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? "http" : null;
    }

    private static string UrlHost(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 && !host.StartsWith('[')
            ? $"[{host}]"
            : host;
}
