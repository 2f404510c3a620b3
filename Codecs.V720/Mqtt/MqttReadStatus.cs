namespace CameraCloud.Codecs.V720.Mqtt;

public enum MqttReadStatus
{
    /// <summary>The buffer holds less than one whole packet; read more and try again.</summary>
    NeedMoreData,

    /// <summary>One packet was read and consumed from the buffer.</summary>
    Packet,

    /// <summary>The bytes are not MQTT 3.1.1 (or the packet is over the limit): close the connection.</summary>
    Invalid,
}
