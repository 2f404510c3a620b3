using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CameraCloud.Edge.Agents;

public static class AgentEndpointRouteBuilderExtensions
{
    public const string ConnectRoute = "/agent/connect";

    /// <summary>
    /// Maps the agent endpoint <c>/agent/connect</c> on the gateway's HTTP(S) port. The app must use WebSockets
    /// (<c>app.UseWebSockets()</c>) and have called <see cref="AgentEdgeServiceCollectionExtensions.AddAgentEdge"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapAgentEndpoint(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Map(ConnectRoute, AgentConnectEndpoint.HandleAsync)
            .WithDisplayName("Agent tunnel (WebSocket)")
            .ExcludeFromDescription()
            // The agent's own id:token credentials are checked inside, not an API key.
            .AllowAnonymous();
    }
}
