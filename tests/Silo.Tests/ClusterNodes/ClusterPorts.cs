using System.Net;
using System.Net.Sockets;
using CameraCloud.Agents;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.ClusterNodes;

/// <summary>
/// The port numbers every node of a test cluster uses, each node on its own loopback address (127.0.0.2,
/// 127.0.0.3, …), the way pods share port numbers on their own IPs.
/// </summary>
public sealed record ClusterPorts(int Gateway, int V720Http, int V720Tcp, int Mqtt, TunnelPortRange Tunnel)
{
    private const int Attempts = 50;

    /// <summary>
    /// Ports free on every address, not only on 127.0.0.1: the nodes bind them on 127.0.0.2.., where a port
    /// found free on 127.0.0.1 may be held already.
    /// </summary>
    public static ClusterPorts Pick()
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var ports = new ClusterPorts(
                LoopbackPorts.Tcp(), LoopbackPorts.Tcp(), LoopbackPorts.TcpAndUdp(), LoopbackPorts.Tcp(), RunningSilo.FindFreeTunnelPorts(8));
            int[] tcp = [ports.Gateway, ports.V720Http, ports.V720Tcp, ports.Mqtt, .. Enumerable.Range(ports.Tunnel.First, ports.Tunnel.Count)];
            if (tcp.Distinct().Count() == tcp.Length && tcp.All(p => FreeEverywhere(p, SocketType.Stream, ProtocolType.Tcp))
                && FreeEverywhere(ports.V720Tcp, SocketType.Dgram, ProtocolType.Udp))
            {
                return ports;
            }
        }
        throw new InvalidOperationException($"No set of cluster ports free on every address in {Attempts} attempts.");
    }

    /// <summary>The loopback address of node <paramref name="index"/> (0-based).</summary>
    public static string Address(int index) => $"127.0.0.{index + 2}";

    private static bool FreeEverywhere(int port, SocketType type, ProtocolType protocol)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, type, protocol);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
