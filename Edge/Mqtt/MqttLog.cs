using Microsoft.Extensions.Logging;

namespace CameraCloud.Edge.Mqtt;

internal static partial class MqttLog
{
    [LoggerMessage(EventId = 1300, EventName = "MqttConnected", Level = LogLevel.Debug, Message = "MQTT client {ClientId} connected from {RemoteEndPoint}")]
    public static partial void Connected(ILogger logger, string clientId, string remoteEndPoint);

    [LoggerMessage(EventId = 1301, EventName = "MqttDisconnected", Level = LogLevel.Debug, Message = "MQTT client {ClientId} disconnected")]
    public static partial void Disconnected(ILogger logger, string clientId);

    [LoggerMessage(EventId = 1302, EventName = "MqttProtocolViolation", Level = LogLevel.Warning, Message = "MQTT connection from {RemoteEndPoint} closed: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, string remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1303, EventName = "MqttTimedOut", Level = LogLevel.Information, Message = "MQTT client {ClientId} silent past its keepalive, closed")]
    public static partial void TimedOut(ILogger logger, string clientId);

    [LoggerMessage(EventId = 1304, EventName = "MqttPayloadInvalid", Level = LogLevel.Warning, Message = "MQTT client {ClientId}: unreadable publish on {Topic}")]
    public static partial void PayloadInvalid(ILogger logger, string clientId, string topic);

    // Debug: a client that keeps publishing for someone else must not fill the log.
    [LoggerMessage(EventId = 1306, EventName = "MqttPublishRefused", Level = LogLevel.Debug,
        Message = "MQTT client {ClientId} published for camera {CameraId}, which is not registered here from its address; ignored")]
    public static partial void PublishRefused(ILogger logger, string clientId, string cameraId);
}
