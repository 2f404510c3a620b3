namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>CONNACK.</summary>
public sealed record MqttConnAck(bool SessionPresent, byte ReturnCode) : MqttPacket;
