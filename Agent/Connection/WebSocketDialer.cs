using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace CameraCloud.Agent.Connection;

/// <summary>
/// Dials the agent endpoint: subprotocol <c>cameracloud-tunnel.v1</c>, HTTP Basic with id and token,
/// a bounded connect, and no WebSocket keep-alive (the tunnel pings on its own).
/// </summary>
public sealed class WebSocketDialer(TimeSpan connectTimeout) : IAgentDialer
{
    public const string SubProtocol = "cameracloud-tunnel.v1";
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longest Retry-After honoured; a larger one is a misconfigured server, not a reason to go dark.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    public async Task<WebSocket> DialAsync(Uri server, string id, string token, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(SubProtocol);
        socket.Options.SetRequestHeader("Authorization", BasicCredentials(id, token));
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(server, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new DialException(DialFailure.Unreachable, $"no connection within {connectTimeout.TotalSeconds:0.#} s");
        }
        catch (WebSocketException e)
        {
            var failure = Classify(socket, e);
            socket.Dispose();
            throw failure;
        }
        if (socket.SubProtocol != SubProtocol)
        {
            socket.Abort();
            socket.Dispose();
            throw new DialException(DialFailure.Rejected, $"the server did not accept subprotocol {SubProtocol}");
        }
        return socket;
    }

    /// <summary>The Authorization header value: Basic base64(id:token).</summary>
    public static string BasicCredentials(string id, string token) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{token}"));

    private static DialException Classify(ClientWebSocket socket, WebSocketException e)
    {
        var status = socket.HttpStatusCode;
        return status switch
        {
            HttpStatusCode.Unauthorized => new DialException(DialFailure.Unauthorized, "401 Unauthorized", inner: e),
            HttpStatusCode.TooManyRequests =>
                new DialException(DialFailure.RateLimited, "429 Too Many Requests", RetryAfter(socket), e),
            0 => new DialException(DialFailure.Unreachable, Innermost(e).Message, inner: e),
            _ => new DialException(DialFailure.Rejected, $"HTTP {(int)status} {status}", inner: e),
        };
    }

    private static TimeSpan? RetryAfter(ClientWebSocket socket)
    {
        if (socket.HttpResponseHeaders is null)
        {
            return null;
        }
        foreach (var (name, values) in socket.HttpResponseHeaders)
        {
            if (string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                var wait = TimeSpan.FromSeconds(seconds);
                return wait < MaxRetryAfter ? wait : MaxRetryAfter;
            }
        }
        return null;
    }

    // "Unable to connect to the remote server" alone hides whether it was DNS, a refusal or a timeout.
    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }
}
