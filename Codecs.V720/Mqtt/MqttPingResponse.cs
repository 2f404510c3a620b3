namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>PINGRESP (<c>d0 00</c>).</summary>
public sealed record MqttPingResponse : MqttPacket;
