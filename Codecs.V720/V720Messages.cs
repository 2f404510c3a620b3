using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CameraCloud.Codecs.V720;

/// <summary>
/// The JSON signalling the server sends (spec §4.1, §4.2, §5.2), compact, as the vendor cloud writes
/// it. Send with <see cref="V720Writer.WriteJson"/>.
/// </summary>
public static class V720Messages
{
    // The camera parses JSON by hand: escape only what JSON requires, never '+' or '<' as \uXXXX.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>101: <c>{"code":101,"status":200}</c>, the answer to the camera's 100.</summary>
    public static string RegisterResponse() => Build(static w =>
    {
        w.WriteNumber("code", V720Code.RegisterResponse);
        w.WriteNumber("status", 200);
    });

    /// <summary>
    /// 11: asks the camera to open the UDP media path towards <paramref name="natIp"/>:<paramref name="natPort"/>
    /// (our UDP socket as the camera sees it).
    /// </summary>
    /// <remarks>
    /// cliIp/cliPort are 255.255.255.255/0 (an unreachable address), as one hobbyist server does and
    /// spec §5.2 reports working: the camera's probes (51) then go only to cliNat*, the one socket
    /// that answers them, instead of being split over two addresses of the same server.
    /// </remarks>
    public static string NatRequest(string cliTarget, string cliToken, string natIp, int natPort) => Build(w =>
    {
        w.WriteNumber("code", V720Code.NatRequest);
        w.WriteString("cliTarget", cliTarget);
        w.WriteString("cliToken", cliToken);
        w.WriteString("cliIp", "255.255.255.255");
        w.WriteNumber("cliPort", 0);
        w.WriteString("cliNatIp", natIp);
        w.WriteNumber("cliNatPort", natPort);
    });

    /// <summary>21: the camera's address as our UDP socket saw it (STUN-like answer to its 20).</summary>
    public static string UdpResponse(string ip, int port) => Build(w =>
    {
        w.WriteNumber("code", V720Code.UdpResponse);
        w.WriteString("ip", ip);
        w.WriteNumber("port", port);
    });

    /// <summary>50: <c>{"code":50}</c>, the answer to the camera's 51 probe.</summary>
    public static string ProbeRequest() => Build(static w => w.WriteNumber("code", V720Code.ProbeRequest));

    /// <summary>53: <c>{"code":53,"status":1}</c>, "a client is online".</summary>
    public static string DeviceStatus() => Build(static w =>
    {
        w.WriteNumber("code", V720Code.DeviceStatus);
        w.WriteNumber("status", 1);
    });

    /// <summary>301: <c>{"code":301,"target":…,"content":…}</c> with <paramref name="contentJson"/> embedded as is.</summary>
    /// <exception cref="JsonException"><paramref name="contentJson"/> is not one valid JSON value.</exception>
    public static string Forward(string target, string contentJson) => Build(w =>
    {
        w.WriteNumber("code", V720Code.Forward);
        w.WriteString("target", target);
        w.WritePropertyName("content");
        w.WriteRawValue(contentJson);
    });

    /// <summary>301 content 3: open audio and video (start live).</summary>
    public static string StartMedia() => Content(V720Code.StartMedia);

    /// <summary>301 content 0: close audio and video (stop).</summary>
    public static string StopMedia() => Content(V720Code.StopMedia);

    /// <summary>301 content 298: switch the camera to 605 retransmission mode.</summary>
    public static string EnableRetransmission() => Content(V720Code.EnableRetransmission);

    /// <summary>301 content 4: ask for base info, telling the camera the time.</summary>
    public static string BaseInfoRequest(long unixSeconds) => Build(w =>
    {
        w.WriteNumber("code", V720Code.BaseInfo);
        w.WriteNumber("unixTimer", unixSeconds);
    });

    private static string Content(int code) => Build(w => w.WriteNumber("code", code));

    private static string Build(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
