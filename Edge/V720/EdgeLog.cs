using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Edge.V720;

/// <summary>Log events of the V720 edge; the names are stable for dashboards.</summary>
internal static partial class EdgeLog
{
    [LoggerMessage(EventId = 1200, EventName = "V720Listening", Level = LogLevel.Information,
        Message = "V720 {What} listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, string what, string endPoint);

    [LoggerMessage(EventId = 1201, EventName = "V720PublicHost", Level = LogLevel.Information,
        Message = "Cameras are told to dial {PublicHost}:{TcpPort} ({Source})")]
    public static partial void PublicHost(ILogger logger, string publicHost, int tcpPort, string source);

    [LoggerMessage(EventId = 1202, EventName = "V720UdpListening", Level = LogLevel.Information,
        Message = "V720 UDP media listening on {EndPoint}, receive buffer {ReceiveBufferBytes} bytes")]
    public static partial void UdpListening(ILogger logger, string endPoint, int receiveBufferBytes);

    [LoggerMessage(EventId = 1203, EventName = "V720UdpPacketFailed", Level = LogLevel.Warning,
        Message = "V720 UDP datagram could not be handled")]
    public static partial void UdpPacketFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1204, EventName = "V720UdpSendFailed", Level = LogLevel.Debug,
        Message = "V720 UDP send failed: {Error}")]
    public static partial void UdpSendFailed(ILogger logger, SocketError error);

    [LoggerMessage(EventId = 1205, EventName = "V720ControlClosed", Level = LogLevel.Information,
        Message = "Camera {CameraId} control connection from {RemoteEndPoint} closed: {Reason}")]
    public static partial void ControlClosed(ILogger logger, string cameraId, string remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1206, EventName = "V720ControlFramingInvalid", Level = LogLevel.Warning,
        Message = "Control connection from {RemoteEndPoint} (camera {CameraId}) sent a header over the payload limit; closing it")]
    public static partial void ControlFramingInvalid(ILogger logger, string remoteEndPoint, string cameraId);

    [LoggerMessage(EventId = 1207, EventName = "V720ControlJsonInvalid", Level = LogLevel.Warning,
        Message = "{Source}: JSON message of {Length} bytes is not a JSON object; ignored")]
    public static partial void ControlJsonInvalid(ILogger logger, string source, int length);

    [LoggerMessage(EventId = 1208, EventName = "V720ControlMessageIgnored", Level = LogLevel.Debug,
        Message = "{Source}: cmd {Cmd} code {Code} ignored")]
    public static partial void ControlMessageIgnored(ILogger logger, string source, ushort cmd, int code);

    [LoggerMessage(EventId = 1209, EventName = "V720RegisterRejected", Level = LogLevel.Warning,
        Message = "Registration from {RemoteEndPoint} with uid '{Uid}' rejected: not a valid id for this connection")]
    public static partial void RegisterRejected(ILogger logger, string remoteEndPoint, string uid);

    [LoggerMessage(EventId = 1210, EventName = "V720StreamSequenceStarted", Level = LogLevel.Debug,
        Message = "Camera {CameraId}: start sequence sent (code 11)")]
    public static partial void StreamSequenceStarted(ILogger logger, string cameraId);

    [LoggerMessage(EventId = 1211, EventName = "V720StreamStopped", Level = LogLevel.Debug,
        Message = "Camera {CameraId}: stop sent (301/0)")]
    public static partial void StreamStopped(ILogger logger, string cameraId);

    [LoggerMessage(EventId = 1212, EventName = "V720GrainCallFailed", Level = LogLevel.Warning,
        Message = "A camera grain call from the edge failed")]
    public static partial void GrainCallFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1213, EventName = "V720DeviceIdAllocated", Level = LogLevel.Information,
        Message = "Allocated device id {CameraId} to a first-boot camera at {RemoteAddress}")]
    public static partial void DeviceIdAllocated(ILogger logger, string cameraId, string remoteAddress);

    [LoggerMessage(EventId = 1214, EventName = "V720ControlSessionFailed", Level = LogLevel.Error,
        Message = "Control session of {Source} failed; closing it")]
    public static partial void ControlSessionFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 1215, EventName = "V720ClaimFailed", Level = LogLevel.Warning,
        Message = "Camera {CameraId} at {RemoteEndPoint} let go: the device directory did not answer ({Reason})")]
    public static partial void ClaimFailed(ILogger logger, string cameraId, string remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1216, EventName = "V720Fenced", Level = LogLevel.Information,
        Message = "Camera {CameraId} at {RemoteEndPoint} (epoch {Epoch}) connected to node {NewNodeId} since (epoch {NewEpoch}); closing the stale session here")]
    public static partial void Fenced(ILogger logger, string cameraId, string remoteEndPoint, long epoch, string newNodeId, long newEpoch);
}
