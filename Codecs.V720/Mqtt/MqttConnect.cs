namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>
/// CONNECT. The password is decoded as UTF-8 (cameras send ASCII with literal quotes,
/// <c>"656f41d93b"</c>). For a protocol level other than 3 or 4 only the name, level, flags and keepalive
/// are read (the rest is laid out differently) so the server can answer CONNACK 1.
/// </summary>
public sealed record MqttConnect(
    string ProtocolName,
    byte ProtocolLevel,
    string ClientId,
    string? Username,
    string? Password,
    ushort KeepAliveSeconds,
    bool CleanSession,
    string? WillTopic,
    ReadOnlyMemory<byte> WillPayload,
    byte WillQoS = 0,
    bool WillRetain = false) : MqttPacket
{
    /// <summary>The protocol level of MQTT 3.1.1.</summary>
    public const byte Level311 = 4;

    /// <summary>The protocol level of MQTT 3.1 (protocol name "MQIsdp").</summary>
    public const byte Level31 = 3;
}
