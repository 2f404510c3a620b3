using System.Security.Cryptography;
using CameraCloud.Actors;
using CameraCloud.Agents;
using CameraCloud.Cluster;
using CameraCloud.Gateway.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway.Agents;

/// <summary>The agent registry: provision, list, read, change, delete. Changes reach the port listeners before the answer.</summary>
internal static class AgentEndpoints
{
    // A generated id (48 random bits) that collides with an existing one is simply drawn again, a few times at most.
    private const int GeneratedIdAttempts = 3;

    public static void Map(RouteGroupBuilder agents)
    {
        agents.MapPost(string.Empty, ProvisionAsync)
            .RequireAuthorization(Auth.ApiPolicies.Operator)
            .WithName("ProvisionAgent")
            .WithSummary("Provision an agent")
            .WithDescription(
                "Creates an agent with a new secret token and gives each target a stable gateway TCP port from Tunnel:PortRange. " +
                "The token is in this answer only: the server keeps just a salted hash. The agent dials /agent/connect with " +
                "HTTP Basic credentials <id>:<token>. Without targets the agent gets one, \"rtsp\" → 127.0.0.1:554.")
            .AcceptsJsonBody<AgentCreateRequest>()
            .Produces<AgentProvisioned>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        agents.MapGet(string.Empty, ListAsync)
            .WithName("ListAgents")
            .WithSummary("List agents")
            .WithDescription("Provisioned agents in id order, one page at a time, with their registry record, live session and URLs.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        agents.MapGet("/{id}", GetAsync)
            .WithName("GetAgent")
            .WithSummary("Get one agent")
            .WithDescription(
                "Registry record and live session: online, last seen, connected-from address, local IP history, version, " +
                "open streams and bytes each way (per stream and in total, updated every few seconds while streams are open), " +
                "and per target its gateway port and the URL to paste into a VMS such as Flussonic.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        agents.MapPatch("/{id}", UpdateAsync)
            .RequireAuthorization(Auth.ApiPolicies.Operator)
            .WithName("UpdateAgent")
            .WithSummary("Rename an agent or change its targets")
            .WithDescription(
                "Sets the name and/or replaces the target list. Kept target names keep their gateway ports, new ones get a port, " +
                "removed ones free theirs. A connected agent gets the new targets at once (update-config), others when they connect.")
            .AcceptsJsonBody<AgentPatchRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        agents.MapDelete("/{id}", DeleteAsync)
            .RequireAuthorization(Auth.ApiPolicies.Operator)
            .WithName("DeleteAgent")
            .WithSummary("Delete an agent")
            .WithDescription(
                "Revokes the token, drops the agent's session (GOAWAY REVOKED) and frees its gateway ports; their listeners " +
                "and open connections are closed before this answers.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <param name="request">The HTTP request (its body is read with a size cap).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="listeners">Gateway port listeners; none on a node without the gateway role (the gateway nodes resync by themselves).</param>
    /// <param name="gateway">Gateway options.</param>
    /// <param name="tunnel">Tunnel options.</param>
    /// <param name="json">JSON options.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Created<AgentProvisioned>, ProblemHttpResult>> ProvisionAsync(
        HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] TunnelPortListeners? listeners,
        [FromServices] IOptions<GatewayOptions> gateway, [FromServices] IOptions<TunnelOptions> tunnel,
        [FromServices] IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBodyReader.ReadAsync<AgentCreateRequest>(
            request, gateway.Value.MaxRequestBodyBytes, json.Value.SerializerOptions, describeError: null, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (body!.Id is not null && !AgentId.IsValid(body.Id))
        {
            return ProblemResults.InvalidAgentId();
        }
        if (body.Name is not null && CameraNameValidator.Validate(body.Name) is { } nameError)
        {
            return ProblemResults.InvalidRequest(nameError);
        }
        IReadOnlyList<AgentTarget>? targets = null;
        if (body.Targets is not null && AgentTargetValidator.Validate(body.Targets, out targets) is { } targetError)
        {
            return ProblemResults.InvalidRequest(targetError);
        }

        var provisionRequest = new AgentProvisionRequest(body.Name, targets);
        AgentProvisioned provisioned;
        if (body.Id is { } id)
        {
            provisioned = await grains.GetGrain<ITunnelGrain>(id).ProvisionAsync(provisionRequest, cancellationToken);
        }
        else
        {
            provisioned = await ProvisionWithGeneratedIdAsync(grains, provisionRequest, cancellationToken);
        }
        await (listeners?.SyncAsync(cancellationToken) ?? Task.CompletedTask);

        var host = AgentUrls.ChooseHost(tunnel.Value.PublicHost, request.Host.Host);
        var answer = provisioned with { Agent = AgentUrls.Fill(provisioned.Agent, host) };
        return TypedResults.Created($"{GatewayEndpointRouteBuilderExtensions.AgentsRoute}/{answer.Id}", answer);
    }

    /// <param name="request">The HTTP request (its host goes into the URLs).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="tunnel">Tunnel options.</param>
    /// <param name="owners">In a cluster: reads the records of devices held by other nodes from those nodes.</param>
    /// <param name="offset">Index of the first agent to return (0 or more).</param>
    /// <param name="limit">Agents per page, 1 to 1000.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<AgentListPage>, ProblemHttpResult>> ListAsync(
        HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] IOptions<TunnelOptions> tunnel,
        [FromServices] OwnerRecordReader? owners, [FromQuery] int offset = 0, [FromQuery] int limit = RegistryPage.DefaultLimit,
        CancellationToken cancellationToken = default)
    {
        if (RegistryPage.Validate(offset, limit) is { } invalid)
        {
            return invalid;
        }

        var index = grains.GetGrain<ITunnelIndexGrain>(ITunnelIndexGrain.DefaultKey);
        var ids = await index.ListAsync(offset, limit, cancellationToken);
        var total = await index.CountAsync(cancellationToken);
        // Null when deleted between the index read and this call: not an error for a list.
        var infos = await RegistryPage.LoadAsync(ids, (id, token) => owners is null
            ? grains.GetGrain<ITunnelGrain>(id).GetInfoAsync(token)
            : owners.ReadAsync(DeviceKey.Agent(id), $"{GatewayEndpointRouteBuilderExtensions.AgentsRoute}/{id}", request,
                local => grains.GetGrain<ITunnelGrain>(id).GetInfoAsync(local), token), cancellationToken);
        var host = AgentUrls.ChooseHost(tunnel.Value.PublicHost, request.Host.Host);
        var items = infos.Select(info => AgentUrls.Fill(info, host)).ToArray();
        return TypedResults.Ok(new AgentListPage(items, total, offset, limit));
    }

    /// <param name="id">Agent id: 1 to 64 characters of A-Z, a-z, 0-9, '-' and '_'.</param>
    /// <param name="request">The HTTP request (its host goes into the URLs).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="tunnel">Tunnel options.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<AgentInfo>, ProblemHttpResult>> GetAsync(
        string id, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] IOptions<TunnelOptions> tunnel,
        CancellationToken cancellationToken)
    {
        if (!AgentId.IsValid(id))
        {
            return ProblemResults.InvalidAgentId();
        }
        var info = await grains.GetGrain<ITunnelGrain>(id).GetInfoAsync(cancellationToken);
        return info is null
            ? ProblemResults.AgentNotFound(id)
            : TypedResults.Ok(AgentUrls.Fill(info, AgentUrls.ChooseHost(tunnel.Value.PublicHost, request.Host.Host)));
    }

    /// <param name="id">Agent id: 1 to 64 characters of A-Z, a-z, 0-9, '-' and '_'.</param>
    /// <param name="request">The HTTP request (its body is read with a size cap).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="listeners">Gateway port listeners; none on a node without the gateway role (the gateway nodes resync by themselves).</param>
    /// <param name="gateway">Gateway options.</param>
    /// <param name="tunnel">Tunnel options.</param>
    /// <param name="json">JSON options.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<AgentInfo>, ProblemHttpResult>> UpdateAsync(
        string id, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] TunnelPortListeners? listeners,
        [FromServices] IOptions<GatewayOptions> gateway, [FromServices] IOptions<TunnelOptions> tunnel,
        [FromServices] IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        if (!AgentId.IsValid(id))
        {
            return ProblemResults.InvalidAgentId();
        }
        var (body, problem) = await JsonBodyReader.ReadAsync<AgentPatchRequest>(
            request, gateway.Value.MaxRequestBodyBytes, json.Value.SerializerOptions, describeError: null, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (body!.Name is null && body.Targets is null)
        {
            return ProblemResults.InvalidRequest("Send 'name', 'targets' or both.");
        }
        if (body.Name is not null && CameraNameValidator.Validate(body.Name) is { } nameError)
        {
            return ProblemResults.InvalidRequest(nameError);
        }
        IReadOnlyList<AgentTarget>? targets = null;
        if (body.Targets is not null && AgentTargetValidator.Validate(body.Targets, out targets) is { } targetError)
        {
            return ProblemResults.InvalidRequest(targetError);
        }

        var info = await grains.GetGrain<ITunnelGrain>(id).UpdateAsync(new AgentUpdate(body.Name, targets), cancellationToken);
        if (info is null)
        {
            return ProblemResults.AgentNotFound(id);
        }
        if (targets is not null)
        {
            await (listeners?.SyncAsync(cancellationToken) ?? Task.CompletedTask);
        }
        return TypedResults.Ok(AgentUrls.Fill(info, AgentUrls.ChooseHost(tunnel.Value.PublicHost, request.Host.Host)));
    }

    /// <param name="id">Agent id: 1 to 64 characters of A-Z, a-z, 0-9, '-' and '_'.</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="listeners">Gateway port listeners; none on a node without the gateway role (the gateway nodes resync by themselves).</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, [FromServices] IGrainFactory grains, [FromServices] TunnelPortListeners? listeners, CancellationToken cancellationToken)
    {
        if (!AgentId.IsValid(id))
        {
            return ProblemResults.InvalidAgentId();
        }
        var deleted = await grains.GetGrain<ITunnelGrain>(id).DeleteAsync(cancellationToken);
        if (!deleted)
        {
            return ProblemResults.AgentNotFound(id);
        }
        await (listeners?.SyncAsync(cancellationToken) ?? Task.CompletedTask);
        return TypedResults.NoContent();
    }

    private static async Task<AgentProvisioned> ProvisionWithGeneratedIdAsync(
        IGrainFactory grains, AgentProvisionRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var id = "agent-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            try
            {
                return await grains.GetGrain<ITunnelGrain>(id).ProvisionAsync(request, cancellationToken);
            }
            catch (AgentIdTakenException) when (attempt < GeneratedIdAttempts)
            {
            }
        }
    }
}
