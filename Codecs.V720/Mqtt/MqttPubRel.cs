namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>PUBREL: the publisher's answer to PUBREC.</summary>
public sealed record MqttPubRel(ushort PacketId) : MqttPacket;
