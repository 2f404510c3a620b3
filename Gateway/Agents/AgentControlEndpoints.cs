using CameraCloud.Actors;
using CameraCloud.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway.Agents;

/// <summary>Control commands for a connected agent (docs/tunnel-protocol.md §5).</summary>
internal static class AgentControlEndpoints
{
    private static readonly string CommandNames = string.Join(", ", AgentControlCommand.Known.Order(StringComparer.Ordinal));

    public static void Map(RouteGroupBuilder agents)
    {
        agents.MapPost("/{id}/control", SendAsync)
            .RequireAuthorization(Auth.ApiPolicies.Operator)
            .WithName("ControlAgent")
            .WithSummary("Send a control command to a connected agent")
            .WithDescription(
                "Sends the command over the agent's tunnel and returns the agent's answer. get-status: the agent's uptime, " +
                "open streams, local IP and targets. update-config: pushes the saved targets, or saves and pushes the given " +
                "'targets' (like PATCH). redirect: the agent dials 'url' from now on. reconnect: the agent drops the " +
                "connection and dials again. restart: the agent exits for its supervisor to start it again. 503 when the " +
                "agent is not connected, 504 when it does not answer within Tunnel:ControlTimeout (10 s by default).")
            .AcceptsJsonBody<AgentControlRequest>()
            .Produces<AgentControlResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
    }

    /// <param name="id">Agent id: 1 to 64 characters of A-Z, a-z, 0-9, '-' and '_'.</param>
    /// <param name="request">The HTTP request (its body is read with a size cap).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="listeners">Gateway port listeners; none on a node without the gateway role (the gateway nodes resync by themselves).</param>
    /// <param name="gateway">Gateway options.</param>
    /// <param name="json">JSON options.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<AgentControlResult>, ProblemHttpResult>> SendAsync(
        string id, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] TunnelPortListeners? listeners,
        [FromServices] IOptions<GatewayOptions> gateway, [FromServices] IOptions<HttpJsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (!AgentId.IsValid(id))
        {
            return ProblemResults.InvalidAgentId();
        }
        var (body, problem) = await JsonBodyReader.ReadAsync<AgentControlRequest>(
            request, gateway.Value.MaxRequestBodyBytes, json.Value.SerializerOptions, describeError: null, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (Validate(body!, out var command) is { } error)
        {
            return ProblemResults.InvalidRequest(error);
        }

        AgentControlResult result;
        try
        {
            result = await grains.GetGrain<ITunnelGrain>(id).ControlAsync(command, cancellationToken);
        }
        catch (TimeoutException)
        {
            return ProblemResults.AgentTimedOut(id);
        }
        finally
        {
            if (command.Targets is not null)
            {
                // Targets may have been saved even when the push then failed.
                await (listeners?.SyncAsync(cancellationToken) ?? Task.CompletedTask);
            }
        }
        return TypedResults.Ok(result);
    }

    private static string? Validate(AgentControlRequest body, out AgentControlCommand command)
    {
        command = new AgentControlCommand(string.Empty);
        if (body.Command is not { } name || !AgentControlCommand.Known.Contains(name))
        {
            return $"'command' is required: one of {CommandNames}.";
        }
        IReadOnlyList<AgentTarget>? targets = null;
        if (body.Targets is not null)
        {
            if (name != "update-config")
            {
                return "'targets' belongs to update-config only.";
            }
            if (AgentTargetValidator.Validate(body.Targets, out targets) is { } targetError)
            {
                return targetError;
            }
        }
        if (body.Url is not null && name != "redirect")
        {
            return "'url' belongs to redirect only.";
        }
        if (name == "redirect" && !IsAgentEndpointUrl(body.Url))
        {
            return "redirect needs 'url': an absolute ws:// or wss:// address of at most 2048 characters, e.g. wss://other.example/agent/connect.";
        }
        command = new AgentControlCommand(name, targets, body.Url);
        return null;
    }

    private static bool IsAgentEndpointUrl(string? url) =>
        url is { Length: <= 2048 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss";
}
