using System.Net;
using System.Net.Sockets;

namespace CameraCloud.Agent.Connection;

/// <summary>
/// Connects a UDP socket to the server's address and reads its local end point: the kernel picks the
/// route and source address without a packet being sent. Read at every dial so a DHCP change shows.
/// </summary>
public sealed class UdpLocalAddressProbe : ILocalAddressProbe
{
    public static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public async Task<string?> GetLocalAddressAsync(Uri server, CancellationToken ct)
    {
        try
        {
            var address = await ResolveAsync(server.IdnHost, ct);
            if (address is null)
            {
                return null;
            }
            using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(address, server.Port is > 0 and <= 65535 ? server.Port : 443);
            return (socket.LocalEndPoint as IPEndPoint)?.Address.ToString();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    // IPv4 first: that is what the field reports and what operators look for on a camera LAN.
    private static async Task<IPAddress?> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ResolveTimeout);
        var addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
    }
}
