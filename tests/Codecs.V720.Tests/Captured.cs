namespace CameraCloud.Codecs.V720.Tests;

/// <summary>
/// Bytes from real cameras, copied from the project's capture notes (doc-hex-examples.json and the
/// port-6123/1883 flows of intx82_fake-server-cap.pcapng, FW 202212011602). Prefixes are marked.
/// </summary>
internal static class Captured
{
    /// <summary>pcap frame 37: the camera's 100 register request, hand-formatted JSON.</summary>
    public const string RegisterRequest =
        "57000000000000000000000000000000000000007b22636f6465223a203130302c2022756964223a2022303830306330303132384638222c2022746f6b656e223a2022393165646634316622202c22646f6d61696e223a2022763732302e6e6178636c6f772e636f6d227d";

    /// <summary>Vendor cloud's 101 (forward id ff×8, msg_flag 255 even on JSON, deal_flag 0).</summary>
    public const string RegisterResponseVendor =
        "190000000000ff00ffffffffffffffff000000007b22636f6465223a3130312c22737461747573223a3230307d";

    /// <summary>pcap frame 39: the reference server's 101, accepted by the camera.</summary>
    public const string RegisterResponseReference =
        "1c000000000000003030303030303030000000007b22636f6465223a203130312c2022737461747573223a203230307d";

    /// <summary>pcap frames 56…289: the camera's TCP heartbeat every 5 s.</summary>
    public const string Heartbeat = "0000000064000000000000000000000000000000";

    /// <summary>The reference server's heartbeat answer.</summary>
    public const string HeartbeatReply = "0000000064000000303030303030303000000000";

    /// <summary>Prefix of a 251 JPEG fragment, pkg 2803, payload_len 1004.</summary>
    public const string JpegMiddleFragmentPrefix =
        "ec0300000100fb000000000000000000f30a0000d00491befea071db352834015faf34bc8e940075381cfa521eb400bebed4649e307340083d3341e940054673";

    /// <summary>Prefix of a 251 JPEG fragment, pkg 2826, payload_len 1004.</summary>
    public const string JpegMiddleFragment2Prefix =
        "ec0300000100fb0000000000000000000a0b0000d28003ed49d7af3ed400873c00093e829fe59cf4c8fa500382ede314a00cf3c500293cd213c500682e1506d1";

    /// <summary>Prefix of the 252 JPEG fragment, pkg 2827, payload_len 680 (frame of 25775 bytes).</summary>
    public const string JpegLastFragmentPrefix =
        "a80200000100fc0000000000000000000b0b0000e30bc0a004c53b193c0a00090a0e693ef0c8ce2801728b81c963da9a72fd4e1470157b50028c018029a58034";

    /// <summary>Payload prefix of the 250 fragment, pkg 2802: JFIF, SOF0 480×640.</summary>
    public const string JpegFirstPayloadPrefix = "ffd8ffe000104a46494600010100028001e00000ffc000110801e00280030121";

    /// <summary>Prefix of the 605 confirming ids 2802…2827 (26 ids, payload_len 104).</summary>
    public const string Confirm605Prefix =
        "680000005d020000303030303030303000000000f20a0000f30a0000f40a0000f50a0000f60a0000f70a0000f80a0000f90a0000fa0a0000fb0a0000fc0a0000";

    /// <summary>pcap frame 45: the camera's MQTT CONNECT (will QoS 1 on Status, password with quotes).</summary>
    public const string MqttConnect =
        "108e0100044d51545404ce000a000c303830306330303132384638001f4e6178636c6f772f5032502f55736572732f4465766963652f53746174757300377b22646576696365223a22303830306330303132384638222c22746f6b656e223a224e4158434c4f57222c22737461747573223a20307d000c303830306330303132384638000c223635366634316439336222";

    /// <summary>pcap frame 47: the reference broker's CONNACK.</summary>
    public const string MqttConnAck = "20020000";

    /// <summary>pcap frame 48: SUBSCRIBE …/sub/0800c00128F8 QoS 1, packet id 1.</summary>
    public const string MqttSubscribe =
        "822e000100294e6178636c6f772f5032502f55736572732f4465766963652f7375622f30383030633030313238463801";

    /// <summary>pcap frame 49: SUBACK granting QoS 1.</summary>
    public const string MqttSubAck = "9003000101";

    /// <summary>pcap frame 50: PUBLISH QoS 0 on Status, status 1.</summary>
    public const string MqttPublishStatus =
        "3058001f4e6178636c6f772f5032502f55736572732f4465766963652f5374617475737b22646576696365223a22303830306330303132384638222c22746f6b656e223a224e4158434c4f57222c22737461747573223a20317d";

    /// <summary>pcap frame 58: PUBLISH QoS 0 on Info (two-byte remaining length).</summary>
    public const string MqttPublishInfo =
        "30c702001d4e6178636c6f772f5032502f55736572732f4465766963652f496e666f7b226170537461747573223a20302c22646576506f776572223a203130302c2273644361706163697479223a2036302c2249724c6564223a20302c2253445f667265654469736b223a2033353335392c2253445f626c6f636b4469736b223a2036303333342c2263616d6572615374617465223a20302c2273645f5374617465223a20312c2273644d6f76654d6f6465223a20302c227364436172645265636f223a20312c22696e73744c6564223a20312c2272616e646f6d223a2248494a4b4c4d222c22746f6b656e223a2266386337613538313066222c2264657669636573436f6465223a22303830306330303132384638222c22776966694e616d65223a22696e746c2d6c6170746f70222c2276657273696f6e223a22323032323132303131363032227d";

    public const string MqttPingReq = "c000";

    public const string MqttPingResp = "d000";

    public const string Uid = "0800c00128F8";

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}
