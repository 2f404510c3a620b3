namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>
/// Control-connection bytes of a real camera (FW 202212011602, intx82 capture, port 6123) and what the
/// server must answer, from the project's capture notes (doc-hex-examples.json).
/// </summary>
internal static class CapturedBytes
{
    /// <summary>The uid in <see cref="RegisterRequest"/>, spelled as the camera spells it.</summary>
    public const string Uid = "0800c00128F8";

    /// <summary><see cref="Uid"/> as the server keys it: camera ids compare without case and are lower-cased.</summary>
    public const string NormalizedUid = "0800c00128f8";

    /// <summary>pcap frame 37: the camera's 100 register request, hand-formatted JSON.</summary>
    public static readonly byte[] RegisterRequest = Convert.FromHexString(
        "57000000000000000000000000000000000000007b22636f6465223a203130302c2022756964223a2022303830306330303132384638222c2022746f6b656e223a2022393165646634316622202c22646f6d61696e223a2022763732302e6e6178636c6f772e636f6d227d");

    /// <summary>pcap frames 56…289: the camera's heartbeat (cmd 100, no payload, forward id 00×8).</summary>
    public static readonly byte[] Heartbeat = Convert.FromHexString("0000000064000000000000000000000000000000");

    /// <summary>Our heartbeat answer: cmd 100, forward id "00000000".</summary>
    public static readonly byte[] HeartbeatReply = Convert.FromHexString("0000000064000000303030303030303000000000");

    /// <summary>Our 101: <c>{"code":101,"status":200}</c> behind a header with forward id "00000000".</summary>
    public static readonly byte[] RegisterResponse = Convert.FromHexString(
        "19000000000000003030303030303030000000007b22636f6465223a3130312c22737461747573223a3230307d");
}
