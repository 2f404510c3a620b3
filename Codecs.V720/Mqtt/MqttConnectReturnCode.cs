namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>CONNACK return codes of MQTT 3.1.1.</summary>
public static class MqttConnectReturnCode
{
    public const byte Accepted = 0;
    public const byte UnacceptableProtocolVersion = 1;
    public const byte IdentifierRejected = 2;
    public const byte ServerUnavailable = 3;
    public const byte BadUsernameOrPassword = 4;
    public const byte NotAuthorized = 5;
}
