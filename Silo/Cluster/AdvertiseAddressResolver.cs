using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Silo.Cluster;

/// <summary>
/// Decides the address this node advertises, once the server has started: <c>Cluster:AdvertiseAddress</c> when
/// set; else the first http URL the server bound (<see cref="IServerAddressesFeature"/>: with <c>--urls
/// http://0.0.0.0:0</c> it is the port actually bound), else the configured <c>urls</c> (a host without a
/// server, e.g. a test), else http://127.0.0.1:80. A wildcard or <c>localhost</c> host is replaced by this
/// machine's first non-loopback IPv4 address that is up, else 127.0.0.1, because other nodes cannot dial those.
/// </summary>
internal sealed class AdvertiseAddressResolver(LocalNode node, IServiceProvider services, ILogger<AdvertiseAddressResolver> logger)
{
    private static readonly string[] Wildcards = ["0.0.0.0", "[::]", "::", "*", "+", "localhost"];

    public Uri Resolve()
    {
        if (node.IsAddressKnown)
        {
            ClusterLog.AdvertiseAddressChosen(logger, node.NodeId, node.Address, "Cluster:AdvertiseAddress", string.Join(',', node.Roles));
            return node.Address;
        }

        (IReadOnlyList<string> urls, string source) = BoundUrls();
        node.UseAddress(Derive(urls, FirstLanAddress()));
        ClusterLog.AdvertiseAddressChosen(logger, node.NodeId, node.Address, source, string.Join(',', node.Roles));
        return node.Address;
    }

    /// <summary>
    /// The advertised address for the server's <paramref name="urls"/>: the first http one (else the first),
    /// its wildcard or <c>localhost</c> host replaced by <paramref name="lanAddress"/> (else 127.0.0.1).
    /// </summary>
    internal static Uri Derive(IEnumerable<string> urls, IPAddress? lanAddress)
    {
        BindingAddress? chosen = null;
        foreach (string url in urls)
        {
            BindingAddress parsed;
            try
            {
                parsed = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                continue;
            }

            if (parsed.Scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
            {
                chosen = parsed;
                break;
            }

            chosen ??= parsed;
        }

        string fallbackHost = lanAddress?.ToString() ?? IPAddress.Loopback.ToString();
        if (chosen is null)
        {
            return new UriBuilder(Uri.UriSchemeHttp, fallbackHost, 80).Uri;
        }

        string host = Wildcards.Contains(chosen.Host, StringComparer.OrdinalIgnoreCase) ? fallbackHost : chosen.Host;
        return new UriBuilder(chosen.Scheme.ToLowerInvariant(), host, chosen.Port).Uri;
    }

    /// <summary>The first IPv4 address, not loopback, of a network interface that is up; null when there is none.</summary>
    internal static IPAddress? FirstLanAddress()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
                .Select(unicast => unicast.Address)
                .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
        }
        catch (NetworkInformationException)
        {
            return null;
        }
    }

    private (IReadOnlyList<string> Urls, string Source) BoundUrls()
    {
        ICollection<string>? bound = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (bound is { Count: > 0 })
        {
            return ([.. bound], "the gateway's bound URL");
        }

        string? configured = services.GetService<IConfiguration>()?["urls"];
        return string.IsNullOrWhiteSpace(configured)
            ? ([], "no bound or configured URL")
            : (configured.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), "the configured urls");
    }
}
