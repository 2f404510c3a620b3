namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>PUBREC: first answer to a QoS 2 PUBLISH.</summary>
public sealed record MqttPubRec(ushort PacketId) : MqttPacket;
