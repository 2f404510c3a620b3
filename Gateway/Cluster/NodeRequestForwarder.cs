using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using CameraCloud.Cluster;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// Sends a client's request on to the device's owner and streams the answer back as it comes: request and
/// response bodies are copied chunk by chunk, never held whole, so an endless MJPEG or WAV response flows
/// through. A slow client stalls only its own copy; the owner's per-viewer queue then drops frames for it.
/// </summary>
public sealed class NodeRequestForwarder : IDisposable
{
    private const int CopyBufferBytes = 32 * 1024;

    private readonly HttpMessageInvoker _client;
    private readonly TimeSpan _connectTimeout;
    private readonly TimeSpan _responseHeadersTimeout;
    private readonly int _maxRequestBodyBytes;
    private readonly ILogger<NodeRequestForwarder> _logger;

    public NodeRequestForwarder(IOptions<ForwardingOptions> options, IOptions<GatewayOptions> gateway, ILogger<NodeRequestForwarder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gateway);
        _connectTimeout = options.Value.ConnectTimeout;
        _responseHeadersTimeout = options.Value.ResponseHeadersTimeout;
        _maxRequestBodyBytes = gateway.Value.MaxRequestBodyBytes;
        _logger = logger;
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _connectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            // A forwarded body the client stopped reading is most often an endless stream: draining it to reuse the
            // connection would keep the owner streaming to nobody. Closing the connection ends the owner's request.
            MaxResponseDrainSize = 0,
            ActivityHeadersPropagator = null,
        });
    }

    /// <summary>
    /// Forwards the request of <paramref name="context"/> to <paramref name="owner"/> and copies its answer back.
    /// A request body larger than <see cref="GatewayOptions.MaxRequestBodyBytes"/>, the cap of every endpoint that
    /// reads one, is refused here with the owner's own 413, so it never crosses to the owner.
    /// </summary>
    public async Task ForwardAsync(HttpContext context, DeviceKey device, ClusterNode owner, string selfNodeId)
    {
        var aborted = context.RequestAborted;
        if (context.Request.ContentLength > _maxRequestBodyBytes)
        {
            await ProblemResults.BodyTooLarge(_maxRequestBodyBytes).ExecuteAsync(context);
            return;
        }

        using var request = BuildRequest(context, owner, selfNodeId, _maxRequestBodyBytes);
        HttpResponseMessage response;
        using (var headers = CancellationTokenSource.CreateLinkedTokenSource(aborted))
        {
            headers.CancelAfter(_responseHeadersTimeout);
            try
            {
                response = await _client.SendAsync(request, headers.Token);
            }
            catch (Exception ex) when (aborted.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // The client left, perhaps in the middle of its request body: nobody to answer.
                return;
            }
            catch (Exception ex) when (FindBadRequest(ex) is { } bad)
            {
                // The client's body broke off, was malformed or outgrew the cap on its way through: the client's fault, not the owner's.
                var problem = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? ProblemResults.BodyTooLarge(_maxRequestBodyBytes)
                    : ProblemResults.ForStatus(bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest);
                await problem.ExecuteAsync(context);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                var reason = ex is not OperationCanceledException ? ex.Message
                    : headers.IsCancellationRequested ? $"no response within {Seconds(_responseHeadersTimeout)} s"
                    // The handler's own ConnectTimeout cancels with a token of its own.
                    : $"no connection within {Seconds(_connectTimeout)} s";
                ClusterLog.ForwardFailed(_logger, context.Request.Method, context.Request.Path, device.ToString(), owner.NodeId, reason);
                await ProblemResults.OwnerUnreachable(device.ToString(), owner.NodeId, reason).ExecuteAsync(context);
                return;
            }
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            ForwardingHeaders.CopyResponseHeaders(response, context.Response);
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
    public async Task<(bool Answered, T? Record)> TryGetJsonAsync<T>(ClusterNode owner, DeviceKey device, string pathAndQuery, HttpRequest caller,
        string selfNodeId, JsonSerializerOptions json, CancellationToken cancellationToken) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(owner.InternalAddress, pathAndQuery));
        if (caller.Host.HasValue)
        {
            request.Headers.Host = caller.Host.Value;
        }
        // The caller's credentials: the owner checks them as it checks every API call.
        foreach (var credential in (string[])[HeaderNames.Authorization, "X-Api-Key"])
        {
            if (caller.Headers[credential].ToString() is { Length: > 0 } value)
            {
                request.Headers.TryAddWithoutValidation(credential, value);
            }
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
            ClusterLog.ForwardFailed(_logger, "GET", pathAndQuery, device.ToString(), owner.NodeId, ex.Message);
            return (false, null);
        }
    }

    /// <summary>How long a list waits for one record from its owner before showing this node's view of it.</summary>
    public static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(5);

    public void Dispose() => _client.Dispose();

    /// <summary>The server's complaint about the client's request body, wherever the HTTP client wrapped it.</summary>
    private static BadHttpRequestException? FindBadRequest(Exception exception)
    {
        // Bounded: the chain is the handler's wrapping, a few levels at most.
        for (var (current, depth) = (exception, 0); current is not null && depth < 8; (current, depth) = (current.InnerException, depth + 1))
        {
            if (current is BadHttpRequestException bad)
            {
                return bad;
            }
        }
        return null;
    }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// The request to the owner. A body of unknown length (chunked) is cut off past the cap (413) instead of
    /// streaming the excess to the owner; a declared length was checked against the cap before.
    /// </summary>
    private static HttpRequestMessage BuildRequest(HttpContext context, ClusterNode owner, string selfNodeId, int maxRequestBodyBytes)
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
            var body = incoming.ContentLength is null ? new CappedRequestBody(incoming.Body, maxRequestBodyBytes) : incoming.Body;
            request.Content = new StreamContent(body, CopyBufferBytes);
        }

        ForwardingHeaders.CopyRequestHeaders(context, request, selfNodeId);
        // The client's Host, not the owner's address: the owner builds URLs from it (an agent's port URLs).
        request.Headers.Host = incoming.Host.Value;
        return request;
    }
}
