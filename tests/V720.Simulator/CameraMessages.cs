using System.Text;
using System.Text.Json;
using CameraCloud.Codecs.V720;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// The messages the camera writes, spaced the way its firmware writes them where a capture shows it
/// (spec §4.1, §10), framed with the camera's forward id of eight zero bytes.
/// </summary>
internal static class CameraMessages
{
    /// <summary>Cameras send forward_id 00×8 (spec §3.1), not the ASCII zeros servers use.</summary>
    public const ulong CameraForwardId = 0;

    /// <summary>The 20-byte heartbeat, byte for byte as captured (pcap frames 56…289).</summary>
    public static ReadOnlyMemory<byte> Heartbeat { get; } = V720Writer.ToArray(V720Cmd.Heartbeat, [], forwardId: CameraForwardId);

    public static ReadOnlyMemory<byte> UdpRequest { get; } = Json("{\"code\": 20}");

    public static ReadOnlyMemory<byte> Pong { get; } = V720Writer.ToArray(V720Cmd.Pong, [], forwardId: CameraForwardId);

    /// <summary>The register as captured, including the odd <c>" ,"</c> before domain (pcap frame 37).</summary>
    public static byte[] Register(string uid, string pwd, string domain) =>
        Json($"{{\"code\": 100, \"uid\": \"{Escape(uid)}\", \"token\": \"{Escape(pwd)}\" ,\"domain\": \"{Escape(domain)}\"}}");

    public static byte[] NatResponse(string devIp, int devPort, string devNatIp, int devNatPort, string cliTarget, string cliToken) =>
        Json($"{{\"code\":12,\"status\":200,\"devIp\":\"{Escape(devIp)}\",\"devPort\":{devPort},\"devNatIp\":\"{Escape(devNatIp)}\","
            + $"\"devNatPort\":{devNatPort},\"cliTarget\":\"{Escape(cliTarget)}\",\"cliToken\":\"{Escape(cliToken)}\"}}");

    public static byte[] ProbeResponse(string uid) => Json($"{{\"code\":51,\"devTarget\":\"{Escape(uid)}\",\"status\":200}}");

    public static byte[] Forward(string target, string contentJson) =>
        Json($"{{\"code\":301,\"target\":\"{Escape(target)}\",\"content\":{contentJson}}}");

    public static byte[] TimestampReply(long timerStamp) => Json($"{{\"code\":55,\"timerStamp\":{timerStamp}}}");

    public static byte[] Json(string json) =>
        V720Writer.ToArray(V720Cmd.Json, Encoding.UTF8.GetBytes(json), forwardId: CameraForwardId);

    // Server-chosen strings (target, token, addresses) go back verbatim; escaping only keeps the JSON valid.
    private static string Escape(string value) => JsonEncodedText.Encode(value).ToString();
}
