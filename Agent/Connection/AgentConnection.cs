using System.Net.WebSockets;
using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Control;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.Tunnel;

namespace CameraCloud.Agent.Connection;

/// <summary>
/// The agent's side of the tunnel: HELLO/WELCOME through the mux, OPEN served by <see cref="TargetConnector"/>,
/// CONTROL by <see cref="ControlHandler"/>. Only translation lives here; decisions are in the supervisor.
/// </summary>
public sealed class AgentConnection(TargetConnector connector, ControlHandler control, TimeProvider time) : IAgentSession
{
    public async Task<SessionOutcome> RunAsync(WebSocket socket, SessionContext context, CancellationToken ct)
    {
        var hello = new AgentHelloMessage(
            context.AgentId,
            context.Version,
            context.Model,
            context.LocalIp,
            context.Hostname,
            [.. context.Targets.Select(t => new TargetMessage(t.Name, t.Host, t.Port))]);
        TunnelSession session;
        try
        {
            session = await TunnelSession.ConnectAsync(socket, hello, new TunnelSessionOptions(), time, ct);
        }
        catch (TunnelSessionClosedException e) when (e.Code is { } code)
        {
            // A server may refuse at the handshake with GOAWAY (REVOKED for a deleted agent): same decision as later.
            return new SessionOutcome(Kind(code, byPeer: true), $"{code} at the handshake: {e.Message}");
        }
        await using (session)
        {
            session.ConnectTarget = ConnectTargetAsync;
            session.ControlHandler = (request, token) => HandleControlAsync(request, context, token);
            session.ControlAnswered = (_, _) => EndIfRequested(session, context);
            context.OpenStreams = () => session.GetStats().OpenStreams.Count;
            context.Established(session.Welcome?.SessionId);
            var end = await session.RunAsync(ct);
            return new SessionOutcome(end.Code is { } code ? Kind(code, end.ByPeer) : SessionEndKind.Closed, Describe(end));
        }
    }

    private async Task<Stream> ConnectTargetAsync(string target, CancellationToken ct)
    {
        try
        {
            return await connector.ConnectAsync(target, ct);
        }
        catch (TargetConnectException e)
        {
            var code = e.Failure == TargetFailure.UnknownTarget ? TunnelErrorCode.UnknownTarget : TunnelErrorCode.TargetUnreachable;
            throw new TunnelStreamException(code, e.Message);
        }
    }

    private async Task<ControlResultMessage> HandleControlAsync(ControlRequestMessage request, SessionContext context, CancellationToken ct)
    {
        var targets = request.Targets?.Select(t => new AgentTarget(t.Name, t.Host, t.Port)).ToArray();
        var reply = control.Handle(new ControlCommand(request.Command, targets, request.Url), context);
        return new ControlResultMessage(request.Id, reply.Ok, reply.Error, reply.Status);
    }

    // restart, reconnect and redirect end the session once their answer is queued: the mux sends the
    // queued CONTROL_RESULT before this GOAWAY, so the server hears the answer and then the goodbye.
    // SessionStop's grace timer stays as the bound should this never run.
    private static void EndIfRequested(TunnelSession session, SessionContext context)
    {
        if (context.Stop.Action is AgentAction.Restart or AgentAction.Reconnect or AgentAction.Redirect)
        {
            _ = GoAwayAsync(session, context.Stop.Reason);
        }
    }

    private static async Task GoAwayAsync(TunnelSession session, string? reason)
    {
        try
        {
            await session.GoAwayAsync(TunnelErrorCode.Shutdown, reason, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The session is ending anyway; the supervisor reads why from SessionStop.
        }
    }

    // Only the server's GOAWAY codes change what the agent does next; everything else means "dial again".
    private static SessionEndKind Kind(TunnelErrorCode code, bool byPeer) => (byPeer, code) switch
    {
        (true, TunnelErrorCode.Revoked) => SessionEndKind.Revoked,
        (true, TunnelErrorCode.Evicted) => SessionEndKind.Evicted,
        (true, TunnelErrorCode.Shutdown) => SessionEndKind.ServerShutdown,
        _ => SessionEndKind.Closed,
    };

    private static string Describe(TunnelSessionEnd end) =>
        (end.Code is { } code ? $"{code}: {end.Reason}" : end.Reason) + (end.ByPeer ? " (by the server)" : "");
}
