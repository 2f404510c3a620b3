using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace CameraCloud.Edge.V720;

/// <summary>
/// Chooses the IPv4 literal cameras dial. The reference servers' bug was taking the default route's
/// address (the WAN side, §9.9); an explicit <c>V720:PublicHost</c> always wins.
/// </summary>
public static class PublicHostResolver
{
    public static IPAddress Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (IPAddress.TryParse(configured, out var address) && address.AddressFamily == AddressFamily.InterNetwork)
            {
                return address;
            }
            throw new InvalidOperationException(
                $"V720:PublicHost '{configured}' is not an IPv4 address; cameras need an IPv4 literal to dial.");
        }

        var candidate = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return candidate ?? IPAddress.Loopback;
    }
}
