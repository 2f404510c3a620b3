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
    public static ClusterPorts Pick() => new(
        LoopbackPorts.Tcp(), LoopbackPorts.Tcp(), LoopbackPorts.TcpAndUdp(), LoopbackPorts.Tcp(), RunningSilo.FindFreeTunnelPorts(8));

    /// <summary>The loopback address of node <paramref name="index"/> (0-based).</summary>
    public static string Address(int index) => $"127.0.0.{index + 2}";
}
