using System.Net;
using CameraCloud.Actors;
using CameraCloud.Cluster;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Edge.V720;

/// <summary>What every control session needs from the node, resolved once.</summary>
public sealed record V720SessionServices(
    V720Options Options,
    IPAddress PublicHost,
    IGrainFactory Grains,
    IDeviceDirectory Directory,
    V720SessionRegistry Registry,
    V720UdpServer Udp,
    TimeProvider Time,
    ILogger<V720ControlSession> Logger);
