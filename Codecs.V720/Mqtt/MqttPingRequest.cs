namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>PINGREQ (<c>c0 00</c>); the camera sends one per keepalive period.</summary>
public sealed record MqttPingRequest : MqttPacket;
