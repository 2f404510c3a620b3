using System.Text.Json;
using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Connection;
using CameraCloud.Agent.Logging;

namespace CameraCloud.Agent.Control;

/// <summary>
/// Carries out the server's control commands. Commands that end the session (redirect, reconnect,
/// restart) record it in the session's <see cref="SessionStop"/> and answer; the connection ends the
/// session once the answer is queued, or <see cref="ReplyGrace"/> ends it at the latest.
/// </summary>
public sealed class ControlHandler(AgentState state, AgentLog log)
{
    /// <summary>The latest a session-ending command takes effect after its answer.</summary>
    public static readonly TimeSpan ReplyGrace = TimeSpan.FromSeconds(1);

    public ControlReply Handle(ControlCommand command, SessionContext session)
    {
        log.Info($"control: {TargetSyntax.Shorten(command.Name)}");
        switch (command.Name)
        {
            case "get-status":
                return Ok(Status(session), AgentJsonContext.Default.AgentStatus);
            case "update-config":
                return UpdateTargets(command.Targets);
            case "redirect":
                return Redirect(command.Url, session);
            case "reconnect":
                session.Stop.Request(AgentAction.Reconnect, "reconnect requested by the server", ReplyGrace);
                return new ControlReply(true);
            case "restart":
                session.Stop.Request(AgentAction.Restart, "restart requested by the server", ReplyGrace);
                return new ControlReply(true);
            default:
                return ControlReply.Fail($"unknown command '{TargetSyntax.Shorten(command.Name)}'");
        }
    }

    private AgentStatus Status(SessionContext session) => new(
        (long)state.Uptime.TotalSeconds,
        AgentVersion.Short,
        session.LocalIp,
        session.OpenStreams(),
        state.Targets.Current,
        state.Server.ToString(),
        state.Targets.Refused);

    private ControlReply UpdateTargets(IReadOnlyList<AgentTarget>? targets)
    {
        if (targets is null)
        {
            return ControlReply.Fail("update-config needs targets");
        }
        var error = TargetSyntax.CheckList(targets);
        if (error is not null)
        {
            log.Warn($"update-config refused: {error}");
            return ControlReply.Fail(error);
        }
        var (accepted, refused) = state.Targets.Offer(targets);
        log.Info($"targets now {string.Join(",", accepted)}");
        if (refused.Count > 0)
        {
            log.Warn($"targets refused, not in this agent's configuration: {TargetSyntax.Shorten(string.Join(",", refused))}");
        }
        return Ok(new TargetsUpdate(accepted, refused), AgentJsonContext.Default.TargetsUpdate);
    }

    private ControlReply Redirect(string? url, SessionContext session)
    {
        if (url is null)
        {
            return ControlReply.Fail("redirect needs url");
        }
        var server = ServerUrl.TryNormalize(url, out var error);
        if (server is null)
        {
            return ControlReply.Fail(error!);
        }
        // The token goes wherever the agent dials: only to the host it was configured with, never over a weaker scheme.
        var configured = state.Config.Server;
        if (!string.Equals(server.IdnHost, configured.IdnHost, StringComparison.OrdinalIgnoreCase)
            || (configured.Scheme == "wss" && server.Scheme != "wss"))
        {
            var refusal = $"redirect to '{TargetSyntax.Shorten(server.IdnHost)}' ({server.Scheme}) refused: the token goes only to the " +
                $"configured server's host '{configured.IdnHost}'" + (configured.Scheme == "wss" ? " over wss" : "");
            log.Warn(refusal);
            return ControlReply.Fail(refusal);
        }
        state.Server = server;
        session.Stop.Request(AgentAction.Redirect, $"redirected to {server}", ReplyGrace);
        return new ControlReply(true);
    }

    private static ControlReply Ok<T>(T status, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(true, Status: JsonSerializer.SerializeToElement(status, type));
}
