using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CameraCloud.Codecs.V720;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// The camera's HTTP/1.1 client over a raw socket, shaped like the captured request (spec §2.2): a POST with
/// the parameters in the query, headers Host and version only, no body and no Content-Length; the answer
/// is read up to its Content-Length and the connection closed.
/// </summary>
internal static class HttpBootstrapClient
{
    public const string ApiHost = "v720.naxclow.com";
    private const int MaxHeaderBytes = 16 * 1024;
    private const int MaxBodyBytes = 64 * 1024;

    public static string BuildRequest(string pathAndQuery, string firmware) =>
        $"POST {pathAndQuery} HTTP/1.1\r\nHost: {ApiHost}\r\nversion: {firmware}\r\n\r\n";

    /// <summary>"random=&lt;6 consecutive capitals&gt;&amp;token=&lt;10 lower hex&gt;", as the camera appends to every call.</summary>
    public static string RandomAndToken(Random random)
    {
        var letters = new char[6];
        int first = random.Next(0, 26 - letters.Length + 1);
        for (int i = 0; i < letters.Length; i++)
        {
            letters[i] = (char)('A' + first + i);
        }
        var token = new char[10];
        for (int i = 0; i < token.Length; i++)
        {
            token[i] = "0123456789abcdef"[random.Next(16)];
        }
        return $"random={new string(letters)}&token={new string(token)}";
    }

    /// <summary>Posts and returns the envelope's <c>data</c> (a detached clone), or throws with what went wrong.</summary>
    public static async Task<JsonElement> PostAsync(string host, int port, string pathAndQuery, string firmware,
        TimeSpan timeout, CancellationToken ct)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        string endpoint = $"{host}:{port}";
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(host, port, timeoutSource.Token).ConfigureAwait(false);
            var request = Encoding.ASCII.GetBytes(BuildRequest(pathAndQuery, firmware));
            await SendAllAsync(socket, request, timeoutSource.Token).ConfigureAwait(false);
            var body = await ReadResponseAsync(socket, endpoint, pathAndQuery, timeoutSource.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Both);
            return ParseEnvelope(body, pathAndQuery);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SimulatedCameraException($"HTTP bootstrap {pathAndQuery} to {endpoint}: no answer within {timeout}.");
        }
        catch (SocketException e)
        {
            throw new SimulatedCameraException($"HTTP bootstrap {pathAndQuery} to {endpoint} failed: {e.SocketErrorCode}.", e);
        }
    }

    private static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await socket.SendAsync(bytes, SocketFlags.None, ct).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    private static async Task<byte[]> ReadResponseAsync(Socket socket, string endpoint, string path, CancellationToken ct)
    {
        var buffer = new byte[MaxHeaderBytes + MaxBodyBytes];
        int filled = 0;
        int headerEnd;
        while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (filled >= MaxHeaderBytes)
            {
                throw new SimulatedCameraException($"HTTP bootstrap {path} to {endpoint}: headers longer than {MaxHeaderBytes} bytes.");
            }
            int read = await socket.ReceiveAsync(buffer.AsMemory(filled, MaxHeaderBytes - filled), SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0)
            {
                throw new SimulatedCameraException($"HTTP bootstrap {path} to {endpoint}: connection closed before the end of the headers.");
            }
            filled += read;
        }

        var head = Encoding.ASCII.GetString(buffer, 0, headerEnd).Split("\r\n");
        var status = head[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(status[1], out int code))
        {
            throw new SimulatedCameraException($"HTTP bootstrap {path} to {endpoint}: bad status line '{head[0]}'.");
        }
        if (code != 200)
        {
            throw new SimulatedCameraException($"HTTP bootstrap {path} to {endpoint} refused: HTTP {code}.");
        }

        int? contentLength = null;
        foreach (var line in head.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, out int length) || length < 0 || length > MaxBodyBytes)
                {
                    throw new SimulatedCameraException($"HTTP bootstrap {path} to {endpoint}: bad Content-Length '{value}'.");
                }
                contentLength = length;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                // The camera firmware reads a Content-Length body; a chunked answer is a server bug worth failing on.
                throw new SimulatedCameraException($"HTTP bootstrap {path} to {endpoint}: Transfer-Encoding '{value}' instead of a Content-Length.");
            }
        }

        int bodyStart = headerEnd + 4;
        int bodyEnd = contentLength is int expected ? bodyStart + expected : buffer.Length;
        while (filled < bodyEnd)
        {
            int read = await socket.ReceiveAsync(buffer.AsMemory(filled, bodyEnd - filled), SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0)
            {
                if (contentLength is null)
                {
                    break; // no length: the body ends with the connection
                }
                throw new SimulatedCameraException(
                    $"HTTP bootstrap {path} to {endpoint}: connection closed after {filled - bodyStart} of {contentLength} body bytes.");
            }
            filled += read;
        }
        return buffer[bodyStart..Math.Min(filled, bodyEnd)];
    }

    private static JsonElement ParseEnvelope(byte[] body, string path)
    {
        using var document = V720Json.TryParseObject(body)
            ?? throw new SimulatedCameraException($"HTTP bootstrap {path}: the body is not a JSON object: '{V720Json.Utf8(body)}'.");
        var root = document.RootElement;
        int? code = V720Json.GetCode(root);
        if (code != 200)
        {
            throw new SimulatedCameraException(
                $"HTTP bootstrap {path} refused: envelope code {code?.ToString() ?? "missing"}, message '{V720Json.GetString(root, "message")}'.");
        }
        return root.TryGetProperty("data", out var data) ? data.Clone() : default;
    }
}
