using System.Globalization;
using System.Text;
using CameraCloud.Actors;
using CameraCloud.Agents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Edge.Agents;

/// <summary>
/// <c>/agent/connect</c> (docs/tunnel-protocol.md §1): rate limit, Basic credentials checked by the agent's grain
/// against its salted hash, the subprotocol, then the WebSocket goes to <see cref="AgentSessionHost"/>.
/// </summary>
internal static class AgentConnectEndpoint
{
    public const string Subprotocol = "cameracloud-tunnel.v1";

    // One fixed body for every 401: it must not tell a wrong id from a wrong or missing token.
    private static readonly byte[] UnauthorizedBody = Encoding.UTF8.GetBytes(
        "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.2\",\"title\":\"Unauthorized\",\"status\":401," +
        "\"detail\":\"Send the agent id and token of a provisioned agent as HTTP Basic credentials.\"}");

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var limiter = services.GetRequiredService<AgentAuthRateLimiter>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentConnectEndpoint).FullName!);
        var address = context.Connection.RemoteIpAddress;
        var cancellationToken = context.RequestAborted;

        // Before any hashing: a flood of guesses costs a dictionary lookup, not a PBKDF2 each.
        if (limiter.IsBlocked(address, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            AgentEdgeLog.AuthRateLimited(logger, AgentAuthRateLimiter.KeyOf(address), seconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many failed logins",
                detail: $"This address failed to log in too often; try again in {seconds} s.").ExecuteAsync(context);
            return;
        }

        if (!AgentBasicCredentials.TryParse(context.Request.Headers.Authorization, out var agentId, out var token)
            || !AgentId.IsValid(agentId)
            || !await services.GetRequiredService<IGrainFactory>().GetGrain<ITunnelGrain>(agentId).AuthenticateAsync(token, cancellationToken))
        {
            var failures = limiter.RecordFailure(address);
            AgentEdgeLog.AuthFailed(logger, AgentAuthRateLimiter.KeyOf(address), failures);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"CameraCloud agents\"";
            context.Response.ContentType = "application/problem+json";
            context.Response.ContentLength = UnauthorizedBody.Length;
            await context.Response.Body.WriteAsync(UnauthorizedBody, cancellationToken);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await BadRequest("This endpoint takes a WebSocket upgrade (docs/tunnel-protocol.md §1).").ExecuteAsync(context);
            return;
        }
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol, StringComparer.Ordinal))
        {
            await BadRequest($"Offer the WebSocket subprotocol '{Subprotocol}' (Sec-WebSocket-Protocol).").ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = Subprotocol,
            // The tunnel pings on its own (PING/PONG frames with a timeout); WebSocket pings would only add traffic.
            KeepAliveInterval = TimeSpan.Zero,
        });
        var remote = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        await services.GetRequiredService<AgentSessionHost>().RunAsync(agentId, socket, remote, cancellationToken);
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid agent connection", detail: detail);
}
