using CameraCloud.Agents;
using CameraCloud.Cameras;
using CameraCloud.Cluster;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// Runs after routing: a request for an <see cref="OwnerRouted"/> endpoint whose device is owned by another live
/// node goes to that node (<see cref="NodeRequestForwarder"/>); everything else is served here. A request
/// already forwarded once is always served here, and so is every request while the directory does not answer
/// (<see cref="DeviceLocator"/>).
/// </summary>
public sealed class OwnerForwardingMiddleware(
    RequestDelegate next,
    DeviceLocator locator,
    NodeRequestForwarder forwarder,
    ILogger<OwnerForwardingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var routed = context.GetEndpoint()?.Metadata.GetMetadata<OwnerRouted>();
        if (routed is null)
        {
            await next(context);
            return;
        }

        var owner = context.Request.Headers.ContainsKey(ClusterHeaders.ForwardedBy)
            ? null
            : await FindRemoteOwnerAsync(context, routed);
        if (owner is null)
        {
            context.Response.Headers[ClusterHeaders.ServedBy] = locator.Self.NodeId;
            await next(context);
            return;
        }

        var device = owner.Value.Device;
        ClusterLog.Forwarded(logger, context.Request.Method, context.Request.Path, device.ToString(), owner.Value.Node.NodeId);
        await forwarder.ForwardAsync(context, device, owner.Value.Node, locator.Self.NodeId);
    }

    private async Task<(DeviceKey Device, ClusterNode Node)?> FindRemoteOwnerAsync(HttpContext context, OwnerRouted routed)
    {
        // A malformed id is the endpoint's to refuse, with its own problem; it names no device to look up.
        if (context.Request.RouteValues[routed.IdRouteValue] is not string id || !IsValid(routed.Kind, id))
        {
            return null;
        }

        var device = DeviceKey.For(routed.Kind, id);
        var node = await locator.FindRemoteOwnerAsync(device, context.RequestAborted);
        return node is null ? null : (device, node);
    }

    private static bool IsValid(DeviceKind kind, string id) =>
        kind == DeviceKind.Camera ? CameraId.IsValid(id) : AgentId.IsValid(id);
}
