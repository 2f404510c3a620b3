namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>UNSUBACK.</summary>
public sealed record MqttUnsubAck(ushort PacketId) : MqttPacket;
