using System.Globalization;
using System.Net.Sockets;
using System.Text;
using CameraCloud.Agents;
using CameraCloud.Cluster;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// Opens a byte stream to an agent target through the node that holds the agent: one TCP connection to the
/// owner's gateway port, an HTTP/1.1 Upgrade to <see cref="InternalStreamEndpoint.Route"/>, then raw bytes both
/// ways. Raw rather than WebSocket: no framing or masking on a hop inside the cluster. Known limit: the owner's
/// server cannot half-close an upgraded connection, and it ends the whole connection when this side half-closes,
/// so a client's half-close also ends the agent's direction (what the agent still had to send is lost; so may be the
/// client's last bytes if they arrive with the close before the owner reads them), and the end of the agent's
/// direction reaches this side only when the client's direction ends too.
/// </summary>
public sealed class RemoteAgentStreamConnector(IOptions<ForwardingOptions> options)
{
    private const int MaxResponseHeadBytes = 8 * 1024;

    /// <summary>Connecting, the upgrade and the agent's answer to the OPEN must all fit in this.</summary>
    public TimeSpan OpenTimeout { get; } = options.Value.StreamOpenTimeout;

    /// <exception cref="AgentOfflineException">The owner no longer holds the agent, or could not be reached.</exception>
    /// <exception cref="AgentStreamRefusedException">The agent refused the stream.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (not the open timeout: that is offline).</exception>
    public async Task<Stream> OpenAsync(ClusterNode owner, string internalKey, string agentId, string target, string client,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(OpenTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        NetworkStream? stream = null;
        try
        {
            var address = owner.InternalAddress;
            await socket.ConnectAsync(address.Host, address.Port, timeout.Token);
            stream = new NetworkStream(socket, ownsSocket: true);
            var path = Path(agentId, target);
            var head =
                $"GET {path} HTTP/1.1\r\n" +
                $"Host: {address.Authority}\r\n" +
                "Connection: Upgrade\r\n" +
                $"Upgrade: {ClusterHeaders.StreamUpgradeToken}\r\n" +
                $"{ClusterHeaders.InternalKey}: {internalKey}\r\n" +
                $"{InternalStreamEndpoint.ClientHeader}: {client}\r\n" +
                "\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
            var (status, body) = await ReadResponseAsync(stream, timeout.Token);
            switch (status)
            {
                case 101:
                    return stream;
                case 502:
                    throw new AgentStreamRefusedException(agentId, target, 0, $"refused through node {owner.NodeId}: {body}");
                default:
                    // 404 (moved on since the lookup) and anything unexpected: from here, the agent is not reachable.
                    throw new AgentOfflineException(agentId);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or InvalidDataException)
        {
            await DisposeAsync(stream, socket);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw new AgentOfflineException(agentId);
        }
        catch
        {
            await DisposeAsync(stream, socket);
            throw;
        }
    }

    private static async ValueTask DisposeAsync(NetworkStream? stream, Socket socket)
    {
        if (stream is null)
        {
            socket.Dispose();
            return;
        }
        await stream.DisposeAsync();
    }

    private static string Path(string agentId, string target) =>
        InternalStreamEndpoint.Route
            .Replace("{id}", Uri.EscapeDataString(agentId), StringComparison.Ordinal)
            .Replace("{target}", Uri.EscapeDataString(target), StringComparison.Ordinal);

    /// <summary>
    /// Reads the response head one byte at a time: after a 101 the owner may send the target's first bytes at
    /// once, and they must stay in the stream for the splice, not in a read-ahead buffer here.
    /// </summary>
    private static async Task<(int Status, string Body)> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>(256);
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Count >= MaxResponseHeadBytes)
            {
                throw new InvalidDataException($"The owner's response head is longer than {MaxResponseHeadBytes} bytes.");
            }
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("The owner closed the connection before answering the upgrade.");
            }
            head.Add(one[0]);
        }

        var text = Encoding.ASCII.GetString(head.ToArray());
        var statusLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new InvalidDataException($"The owner answered with a malformed status line: '{statusLine}'.");
        }
        // The refusal's reason is a short text body; the head says how long. Read what fits, no more.
        var body = status == 101 ? "" : await ReadShortBodyAsync(stream, text, cancellationToken);
        return (status, body);
    }

    private static async Task<string> ReadShortBodyAsync(NetworkStream stream, string head, CancellationToken cancellationToken)
    {
        const string lengthHeader = "\r\nContent-Length:";
        var at = head.IndexOf(lengthHeader, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return "";
        }
        var end = head.IndexOf("\r\n", at + lengthHeader.Length, StringComparison.Ordinal);
        if (!int.TryParse(head.AsSpan(at + lengthHeader.Length, end - at - lengthHeader.Length).Trim(), NumberStyles.None,
                CultureInfo.InvariantCulture, out var length) || length <= 0)
        {
            return "";
        }
        var buffer = new byte[Math.Min(length, 1024)];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }
            read += n;
        }
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
