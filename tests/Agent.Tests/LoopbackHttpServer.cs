using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CameraCloud.Agent.Tests;

/// <summary>
/// A one-request HTTP server on loopback that records the upgrade request and answers it as told:
/// a status line with headers, or a real 101 WebSocket upgrade.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public LoopbackHttpServer() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Accepts one connection, reads its request head and answers with <paramref name="respond"/>.</summary>
    public async Task<string> ServeOnceAsync(Func<Dictionary<string, string>, string> respond)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = await _listener.AcceptTcpClientAsync(timeout.Token);
        var stream = client.GetStream();
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16 * 1024)
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                break;
            }
            head.Append((char)one[0]);
        }
        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        headers[":request"] = lines[0];
        await stream.WriteAsync(Encoding.ASCII.GetBytes(respond(headers)), timeout.Token);
        return head.ToString();
    }

    public static string Upgrade(Dictionary<string, string> request, string? subProtocol)
    {
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(request["Sec-WebSocket-Key"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Accept: {accept}\r\n" + (subProtocol is null ? "" : $"Sec-WebSocket-Protocol: {subProtocol}\r\n") + "\r\n";
    }

    public void Dispose() => _listener.Dispose();
}
