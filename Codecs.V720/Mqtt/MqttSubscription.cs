namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>One topic filter of a SUBSCRIBE with its requested QoS.</summary>
public sealed record MqttSubscription(string TopicFilter, byte QoS);
