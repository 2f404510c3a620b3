using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CameraCloud.Silo.Tests.Nodes;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>The HTTP bootstrap on the wire, as a camera sends it (§2.2), and what garbage gets.</summary>
public sealed class BootstrapTests
{
    [Fact]
    public async Task Captured_getA9ConfCheck_request_gets_the_vendor_envelope_with_a_utf8_content_length()
    {
        await using var silo = await RunningSilo.StartAsync();
        // Byte for byte the captured request (pcap frame 28): POST, query string, no body, no Content-Length.
        var request = "POST /app/api/ApiServer/getA9ConfCheck?devicesCode=0800c00128F8&random=OPQRST&token=2d8c8b52f1 HTTP/1.1\r\n"
            + "Host: v720.naxclow.com\r\nversion: 202212011602\r\n\r\n";
        var (status, headers, body) = await ExchangeAsync(silo.HttpPort, Encoding.ASCII.GetBytes(request));

        Assert.StartsWith("HTTP/1.1 200", status);
        var contentLength = int.Parse(headers["content-length"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(body.Length, contentLength);
        Assert.Equal("application/json", headers["content-type"]);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(200, root.GetProperty("code").GetInt32());
        Assert.True(Encoding.UTF8.GetByteCount(root.GetProperty("message").GetString()!) > root.GetProperty("message").GetString()!.Length,
            "the vendor message is non-ASCII, so a character count would be wrong");
        var data = root.GetProperty("data");
        Assert.Equal(silo.TcpPort, data.GetProperty("tcpPort").GetInt32());
        Assert.Equal("0800c00128F8", data.GetProperty("uid").GetString());
        Assert.Equal("127.0.0.1", data.GetProperty("host").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("updateUrl").ValueKind);
        Assert.Equal(JsonValueKind.String, data.GetProperty("currTime").ValueKind);
        Assert.Matches("^[0-9a-f]{8}$", data.GetProperty("pwd").GetString());
    }

    [Fact]
    public async Task Garbage_truncated_and_oversize_requests_get_errors_and_the_listener_keeps_serving()
    {
        await using var silo = await RunningSilo.StartAsync();
        var garbage = new byte[2048];
        new Random(5).NextBytes(garbage);
        var (garbageStatus, _, _) = await ExchangeAsync(silo.HttpPort, garbage);
        Assert.StartsWith("HTTP/1.1 400", garbageStatus);

        var longLine = "POST /app/api/ApiServer/getA9ConfCheck?devicesCode=" + new string('A', 10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        var (longStatus, _, _) = await ExchangeAsync(silo.HttpPort, Encoding.ASCII.GetBytes(longLine));
        Assert.Matches("^HTTP/1.1 (414|400)", longStatus);

        var badId = "POST /app/api/ApiServer/getA9ConfCheck?devicesCode=../../etc HTTP/1.1\r\nHost: x\r\n\r\n";
        var (badIdStatus, _, badIdBody) = await ExchangeAsync(silo.HttpPort, Encoding.ASCII.GetBytes(badId));
        Assert.StartsWith("HTTP/1.1 400", badIdStatus);
        Assert.Contains("devicesCode", Encoding.UTF8.GetString(badIdBody));

        // A request cut off mid-headers: the server gives up on it without hurting anyone else.
        using (var truncated = new TcpClient())
        {
            await truncated.ConnectAsync("127.0.0.1", silo.HttpPort, Timeouts.Short);
            await truncated.GetStream().WriteAsync(Encoding.ASCII.GetBytes("POST /app/api/ApiServer/getA9Conf"), Timeouts.Short);
        }

        var good = "POST /app/api/ApiServer/getA9ConfCheck?devicesCode=0800c00128F8&random=OPQRST&token=2d8c8b52f1 HTTP/1.1\r\nHost: v720.naxclow.com\r\n\r\n";
        var (goodStatus, _, _) = await ExchangeAsync(silo.HttpPort, Encoding.ASCII.GetBytes(good));
        Assert.StartsWith("HTTP/1.1 200", goodStatus);
    }

    /// <summary>Sends raw bytes, reads one HTTP response (status line, headers, Content-Length body).</summary>
    private static async Task<(string Status, Dictionary<string, string> Headers, byte[] Body)> ExchangeAsync(int port, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Timeouts.Short);
        var stream = client.GetStream();
        await stream.WriteAsync(request, Timeouts.Short);
        var reader = new BufferedStream(stream);
        var status = await ReadLineAsync(reader);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string line;
        while ((line = await ReadLineAsync(reader)).Length > 0)
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        var body = new byte[headers.TryGetValue("content-length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
        await reader.ReadExactlyAsync(body, Timeouts.Short);
        return (status, headers, body);
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, Timeouts.Short) == 1 && one[0] != '\n')
        {
            bytes.Add(one[0]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
    }
}
