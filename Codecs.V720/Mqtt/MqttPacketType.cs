namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>The control packet types of MQTT 3.1.1: the high nibble of the first byte.</summary>
internal static class MqttPacketType
{
    public const int Connect = 1;
    public const int ConnAck = 2;
    public const int Publish = 3;
    public const int PubAck = 4;
    public const int PubRec = 5;
    public const int PubRel = 6;
    public const int PubComp = 7;
    public const int Subscribe = 8;
    public const int SubAck = 9;
    public const int Unsubscribe = 10;
    public const int UnsubAck = 11;
    public const int PingReq = 12;
    public const int PingResp = 13;
    public const int Disconnect = 14;

    /// <summary>
    /// The fixed-header flags a type must carry (PUBLISH's are free): PUBREL, SUBSCRIBE and
    /// UNSUBSCRIBE carry 0010, every other type 0000.
    /// </summary>
    public static bool HasValidFlags(int type, int flags) => type switch
    {
        Publish => true,
        PubRel or Subscribe or Unsubscribe => flags == 0b0010,
        >= Connect and <= Disconnect => flags == 0,
        _ => false,
    };

    /// <summary>The remaining length of the types whose body has a fixed size, else -1.</summary>
    public static int FixedRemainingLength(int type) => type switch
    {
        ConnAck or PubAck or PubRec or PubRel or PubComp or UnsubAck => 2,
        PingReq or PingResp or Disconnect => 0,
        _ => -1,
    };
}
