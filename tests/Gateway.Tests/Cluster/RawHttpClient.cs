using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>
/// One HTTP/1.1 connection written and read by hand: for requests HttpClient will not send as written (an
/// Upgrade), for reading the response head without read-ahead, and for closing the connection at a chosen moment.
/// </summary>
internal sealed class RawHttpClient : IAsyncDisposable
{
    private const int MaxHeadBytes = 16 * 1024;

    private RawHttpClient(NetworkStream stream) => Stream = stream;

    /// <summary>The connection; after the head it carries the body or, after a 101, the upgraded bytes.</summary>
    public NetworkStream Stream { get; }

    public static async Task<RawHttpClient> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new RawHttpClient(new NetworkStream(socket, ownsSocket: true));
    }

    public async Task SendAsync(string text, CancellationToken cancellationToken) =>
        await Stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);

    /// <summary>Reads the status line and headers one byte at a time, so nothing after them is consumed.</summary>
    public async Task<RawResponseHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var head = new List<byte>(512);
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (head.Count >= MaxHeadBytes || await Stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new InvalidDataException("No complete response head: " + Encoding.ASCII.GetString([.. head]));
            }
            head.Add(one[0]);
        }
        return RawResponseHead.Parse(Encoding.ASCII.GetString([.. head]));
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes of body (for a response that gave its Content-Length).</summary>
    public async Task<string> ReadBodyAsync(int count, CancellationToken cancellationToken)
    {
        var body = new byte[count];
        await Stream.ReadExactlyAsync(body, cancellationToken);
        return Encoding.UTF8.GetString(body);
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
