namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>UNSUBSCRIBE: at least one topic filter.</summary>
public sealed record MqttUnsubscribe(ushort PacketId, IReadOnlyList<string> TopicFilters) : MqttPacket;
