namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>PUBLISH. <see cref="PacketId"/> is present exactly when <see cref="QoS"/> is 1 or 2.</summary>
public sealed record MqttPublish(string Topic, ReadOnlyMemory<byte> Payload, byte QoS, bool Retain, bool Dup, ushort? PacketId)
    : MqttPacket;
