using System.Security.Cryptography;
using System.Text;
using CameraCloud.Agents;
using CameraCloud.Tunnel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// The owner's end of an agent port connection that reached another node: an HTTP/1.1 Upgrade
/// (<c>Upgrade: cameracloud-stream</c>) that, once answered 101, is a plain byte stream spliced into a tunnel
/// stream of the agent connected here. Before the 101 the answer says why not: 401 wrong cluster key, 404 the
/// agent is not connected to this node, 502 the agent refused the stream, 426 not an upgrade.
/// </summary>
public static class InternalStreamEndpoint
{
    public const string Route = "/internal/agents/{id}/targets/{target}/stream";

    /// <summary>Who the stream is for (the client of the gateway port on the other node), for the agent's traffic view.</summary>
    public const string ClientHeader = "CameraCloud-Client";

    public static IEndpointRouteBuilder MapInternalStreams(this IEndpointRouteBuilder endpoints)
    {
        // Node-to-node: the cluster key is checked inside, not an API key.
        endpoints.MapGet(Route, HandleAsync).ExcludeFromDescription().AllowAnonymous();
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context, string id, string target)
    {
        var services = context.RequestServices;
        var locator = services.GetRequiredService<DeviceLocator>();
        var opener = services.GetRequiredService<IAgentStreamOpener>();
        var logger = services.GetRequiredService<ILogger<NodeRequestForwarder>>();
        var remote = context.Connection.RemoteIpAddress + ":" + context.Connection.RemotePort;
        var client = context.Request.Headers[ClientHeader].ToString() is { Length: > 0 and <= 100 } given ? given : remote;

        if (!KeyMatches(context.Request.Headers[ClusterHeaders.InternalKey].ToString(), locator.InternalKey))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "wrong or missing cluster key", id, target, remote, logger);
            return;
        }
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is null || !upgrade.IsUpgradableRequest ||
            !string.Equals(context.Request.Headers.Upgrade.ToString(), ClusterHeaders.StreamUpgradeToken, StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, StatusCodes.Status426UpgradeRequired, $"send Upgrade: {ClusterHeaders.StreamUpgradeToken}", id, target, remote, logger);
            return;
        }
        if (!AgentId.IsValid(id))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, AgentId.Rule, id, target, remote, logger);
            return;
        }

        Stream tunnel;
        try
        {
            tunnel = await opener.OpenStreamAsync(id, target, client, context.RequestAborted);
        }
        catch (AgentOfflineException)
        {
            await RefuseAsync(context, StatusCodes.Status404NotFound, "the agent is not connected to this node", id, target, remote, logger);
            return;
        }
        catch (AgentStreamRefusedException ex)
        {
            await RefuseAsync(context, StatusCodes.Status502BadGateway, ex.Message, id, target, remote, logger);
            return;
        }

        await using (tunnel)
        {
            try
            {
                await using var peer = await upgrade.UpgradeAsync();
                var (toAgent, fromAgent) = await StreamSplice.RunAsync(peer, tunnel, context.RequestAborted);
                ClusterLog.InternalStreamEnded(logger, id, target, client, toAgent, fromAgent);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException
                or TunnelStreamException or TunnelSessionClosedException)
            {
                ClusterLog.InternalStreamBroken(logger, id, target, client, ex.Message);
            }
        }
    }

    private static async Task RefuseAsync(HttpContext context, int status, string reason, string id, string target, string remote, ILogger logger)
    {
        ClusterLog.InternalStreamRefused(logger, id, target, remote, status, reason);
        var body = Encoding.UTF8.GetBytes(reason);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        // With its length told: RemoteAgentStreamConnector reads a Content-Length body, not a chunked one.
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// Compares digests, so the time taken says nothing about the key, not even its length. A node without a key
    /// accepts none: an empty key must not match a request that sends none.
    /// </summary>
    private static bool KeyMatches(string given, string expected) =>
        expected.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
