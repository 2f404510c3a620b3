namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>PUBCOMP: the answer to PUBREL, ending a QoS 2 exchange.</summary>
public sealed record MqttPubComp(ushort PacketId) : MqttPacket;
