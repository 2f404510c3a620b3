namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>SUBSCRIBE: at least one subscription.</summary>
public sealed record MqttSubscribe(ushort PacketId, IReadOnlyList<MqttSubscription> Subscriptions) : MqttPacket;
