using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using CameraCloud.Cluster;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// Sends a client's request on to the device's owner and streams the answer back as it comes: request and
/// response bodies are copied chunk by chunk, never held whole, so an endless MJPEG or WAV response flows
/// through. A slow client stalls only its own copy; the owner's per-viewer queue then drops frames for it.
/// </summary>
public sealed class NodeRequestForwarder : IDisposable
{
    /// <summary>How long a node may take to accept the connection.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the owner may take to send the response headers. Longer than every wait the endpoints
    /// themselves bound (a snapshot waits for the next frame, a control command for the device).
    /// </summary>
    public static readonly TimeSpan ResponseHeadersTimeout = TimeSpan.FromSeconds(60);

    private const int CopyBufferBytes = 32 * 1024;

    // Connection-scoped headers (RFC 9110 §7.6.1) and Host: they describe one hop, never the forwarded message.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = ConnectTimeout,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        ActivityHeadersPropagator = null,
    });

    private readonly ILogger<NodeRequestForwarder> _logger;

    public NodeRequestForwarder(ILogger<NodeRequestForwarder> logger) => _logger = logger;

    /// <summary>Forwards the request of <paramref name="context"/> to <paramref name="owner"/> and copies its answer back.</summary>
    public async Task ForwardAsync(HttpContext context, DeviceKey device, ClusterNode owner, string selfNodeId)
    {
        var aborted = context.RequestAborted;
        using var request = BuildRequest(context, owner, selfNodeId);
        HttpResponseMessage response;
        using (var headers = CancellationTokenSource.CreateLinkedTokenSource(aborted))
        {
            headers.CancelAfter(ResponseHeadersTimeout);
            try
            {
                response = await _client.SendAsync(request, headers.Token);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                var reason = ex is OperationCanceledException
                    ? $"no response within {ResponseHeadersTimeout.TotalSeconds:0} s"
                    : ex.Message;
                ClusterLog.ForwardFailed(_logger, context.Request.Method, context.Request.Path, device.ToString(), owner.NodeId, reason);
                await ProblemResults.OwnerUnreachable(device.ToString(), owner.NodeId, reason).ExecuteAsync(context);
                return;
            }
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            CopyResponseHeaders(response, context.Response);
            // Nothing buffers between the owner and the client: every chunk read is written (and so flushed) at once.
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(aborted);
                await body.CopyToAsync(context.Response.Body, CopyBufferBytes, aborted);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client left; disposing the response ends the owner's side of the stream too.
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                // The owner went away mid-body. The status line is sent, so the only honest signal left is to abort.
                ClusterLog.ForwardBroken(_logger, context.Request.Method, context.Request.Path, owner.NodeId, ex.Message);
                context.Abort();
            }
        }
    }

    /// <summary>
    /// Reads one JSON record from <paramref name="owner"/> as a forwarded GET (so the owner answers from its own
    /// grain). Found with the record on 200, found with null on 404 (deleted meanwhile), not found when the owner
    /// could not answer within <see cref="RecordTimeout"/>: the caller then uses what it has.
    /// </summary>
    public async Task<(bool Answered, T? Record)> TryGetJsonAsync<T>(ClusterNode owner, string pathAndQuery, string? host,
        string selfNodeId, JsonSerializerOptions json, CancellationToken cancellationToken) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(owner.InternalAddress, pathAndQuery));
        if (!string.IsNullOrEmpty(host))
        {
            request.Headers.Host = host;
        }
        request.Headers.TryAddWithoutValidation(ClusterHeaders.ForwardedBy, selfNodeId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RecordTimeout);
        try
        {
            using var response = await _client.SendAsync(request, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (true, null);
            }
            if (!response.IsSuccessStatusCode)
            {
                return (false, null);
            }
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            return (true, await JsonSerializer.DeserializeAsync<T>(body, json, timeout.Token));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ClusterLog.ForwardFailed(_logger, "GET", pathAndQuery, pathAndQuery, owner.NodeId, ex.Message);
            return (false, null);
        }
    }

    /// <summary>How long a list waits for one record from its owner before showing this node's view of it.</summary>
    public static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(5);

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage BuildRequest(HttpContext context, ClusterNode owner, string selfNodeId)
    {
        var incoming = context.Request;
        var target = new Uri(owner.InternalAddress, incoming.PathBase + incoming.Path + incoming.QueryString);
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(incoming.Body, CopyBufferBytes);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name) || name.Equals(ClusterHeaders.ForwardedBy, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        // The client's Host, not the owner's address: the owner builds URLs from it (an agent's port URLs).
        request.Headers.Host = incoming.Host.Value;
        request.Headers.TryAddWithoutValidation(ClusterHeaders.ForwardedBy, selfNodeId);
        var client = context.Connection.RemoteIpAddress?.ToString();
        if (client is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For",
                incoming.Headers.TryGetValue("X-Forwarded-For", out var earlier) ? $"{earlier}, {client}" : client);
        }
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        return request;
    }

    private static void CopyResponseHeaders(HttpResponseMessage response, HttpResponse outgoing)
    {
        foreach (var (name, values) in response.Headers)
        {
            if (!HopByHop.Contains(name))
            {
                outgoing.Headers[name] = values.ToArray();
            }
        }
        foreach (var (name, values) in response.Content.Headers)
        {
            outgoing.Headers[name] = values.ToArray();
        }
    }
}
