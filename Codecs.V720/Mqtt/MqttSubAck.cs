namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>SUBACK: one return code per subscription, 0–2 the granted QoS or 0x80 failure.</summary>
public sealed record MqttSubAck(ushort PacketId, IReadOnlyList<byte> ReturnCodes) : MqttPacket
{
    public const byte Failure = 0x80;
}
