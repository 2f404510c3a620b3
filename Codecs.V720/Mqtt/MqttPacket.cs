namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>One MQTT 3.1.1 control packet; each owns its bytes.</summary>
public abstract record MqttPacket;
