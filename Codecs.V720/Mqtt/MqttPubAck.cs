namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>PUBACK: the answer to a QoS 1 PUBLISH.</summary>
public sealed record MqttPubAck(ushort PacketId) : MqttPacket;
