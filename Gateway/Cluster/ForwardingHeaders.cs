using Microsoft.AspNetCore.Http;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// Which headers cross from one hop to the next when a node forwards a request to a device's owner, and which
/// the forwarding hop adds: connection-scoped ones stay on their hop, the forwarding headers record this one.
/// </summary>
internal static class ForwardingHeaders
{
    private const string XForwardedFor = "X-Forwarded-For";
    private const string XForwardedHost = "X-Forwarded-Host";
    private const string XForwardedProto = "X-Forwarded-Proto";

    // Connection-scoped headers (RFC 9110 §7.6.1) and Host: they describe one hop, never the forwarded message.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    // Headers this hop writes itself, from what came in: copying the incoming ones as well would record earlier hops twice.
    private static readonly HashSet<string> ThisHopWrites = new(StringComparer.OrdinalIgnoreCase)
    {
        ClusterHeaders.ForwardedBy, XForwardedFor, XForwardedHost, XForwardedProto,
    };

    /// <summary>Copies the client's end-to-end headers onto <paramref name="request"/> and adds this hop's.</summary>
    public static void CopyRequestHeaders(HttpContext context, HttpRequestMessage request, string selfNodeId)
    {
        var incoming = context.Request;
        var connectionScoped = ConnectionTokens(incoming.Headers.Connection);
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name) || connectionScoped?.Contains(name) == true || ThisHopWrites.Contains(name))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.TryAddWithoutValidation(ClusterHeaders.ForwardedBy, selfNodeId);
        AppendForwarded(request, incoming.Headers, XForwardedFor, context.Connection.RemoteIpAddress?.ToString());
        AppendForwarded(request, incoming.Headers, XForwardedHost, incoming.Host.Value);
        AppendForwarded(request, incoming.Headers, XForwardedProto, incoming.Scheme);
    }

    /// <summary>Copies the owner's end-to-end response headers onto the client's response.</summary>
    public static void CopyResponseHeaders(HttpResponseMessage response, HttpResponse outgoing)
    {
        var connectionScoped = ConnectionTokens(response.Headers.Connection);
        foreach (var (name, values) in response.Headers)
        {
            if (!HopByHop.Contains(name) && connectionScoped?.Contains(name) != true)
            {
                outgoing.Headers[name] = values.ToArray();
            }
        }
        foreach (var (name, values) in response.Content.Headers)
        {
            outgoing.Headers[name] = values.ToArray();
        }
    }

    /// <summary>Adds this hop to a forwarding header, after the hops that earlier proxies recorded in it.</summary>
    private static void AppendForwarded(HttpRequestMessage request, IHeaderDictionary incoming, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        var earlier = incoming[name];
        request.Headers.TryAddWithoutValidation(name, earlier.Count == 0 ? value : $"{string.Join(", ", earlier.ToArray())}, {value}");
    }

    /// <summary>The header names a Connection header lists: they too describe only the hop they came on (RFC 9110 §7.6.1).</summary>
    private static HashSet<string>? ConnectionTokens(IEnumerable<string?> connection)
    {
        HashSet<string>? tokens = null;
        foreach (var value in connection)
        {
            foreach (var token in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                (tokens ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(token);
            }
        }
        return tokens;
    }
}
