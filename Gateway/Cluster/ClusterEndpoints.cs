using CameraCloud.Agents;
using CameraCloud.Cameras;
using CameraCloud.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CameraCloud.Gateway.Cluster;

/// <summary>The cluster as this node sees it: live nodes, and which node holds a device.</summary>
public static class ClusterEndpoints
{
    public const string Route = "/api/cluster";
    public const string Tag = "Cluster";

    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder endpoints)
    {
        // Node names and internal addresses: for operators, not for viewers.
        var cluster = endpoints.MapGroup(Route).WithTags(Tag).RequireAuthorization(Auth.ApiPolicies.Operator);

        cluster.MapGet("/nodes", ListNodes)
            .WithName("ListNodes")
            .WithSummary("List live nodes")
            .WithDescription("The nodes whose heartbeats this node saw within the expiry, itself first, with the address " +
                "other nodes reach them on. One node without Redis lists only itself.");

        cluster.MapGet("/owners/{kind}/{id}", GetOwnerAsync)
            .WithName("GetDeviceOwner")
            .WithSummary("Which node holds a device")
            .WithDescription("The node that holds the device's connection and the epoch it claimed it with. 404 when no " +
                "node holds it (offline, or its node died and it has not reconnected yet). kind is 'camera' or 'agent'.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    internal static ClusterView ListNodes([FromServices] IClusterMembership membership)
    {
        var self = membership.Self;
        var others = membership.LiveNodes.Where(n => n.NodeId != self.NodeId).OrderBy(n => n.NodeId, StringComparer.Ordinal);
        return new ClusterView(self.NodeId, [self, .. others]);
    }

    /// <param name="directory">The device directory.</param>
    /// <param name="membership">Live nodes.</param>
    /// <param name="kind">camera or agent.</param>
    /// <param name="id">The device id.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<DeviceOwnerView>, ProblemHttpResult>> GetOwnerAsync(
        [FromServices] IDeviceDirectory directory, [FromServices] IClusterMembership membership,
        string kind, string id, CancellationToken cancellationToken)
    {
        DeviceKind deviceKind;
        switch (kind)
        {
            case "camera" when CameraId.IsValid(id):
                deviceKind = DeviceKind.Camera;
                break;
            case "agent" when AgentId.IsValid(id):
                deviceKind = DeviceKind.Agent;
                break;
            case "camera":
                return ProblemResults.InvalidCameraId();
            case "agent":
                return ProblemResults.InvalidAgentId();
            default:
                return ProblemResults.InvalidRequest("kind is 'camera' or 'agent'.");
        }

        var device = DeviceKey.For(deviceKind, id);
        DeviceOwner? owner;
        try
        {
            owner = await directory.LookupAsync(device, cancellationToken);
        }
        catch (DirectoryUnavailableException ex)
        {
            return ProblemResults.DirectoryUnavailable(ex.Message);
        }
        if (owner is null)
        {
            return ProblemResults.NoOwner(device.ToString());
        }
        var live = owner.NodeId == membership.Self.NodeId || membership.FindLive(owner.NodeId) is not null;
        return TypedResults.Ok(new DeviceOwnerView(device.ToString(), owner.NodeId, owner.Epoch, live));
    }
}
