namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>DISCONNECT: a clean goodbye; the will is not published.</summary>
public sealed record MqttDisconnect : MqttPacket;
