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

    public async Task<ControlReply> HandleAsync(ControlCommand command, SessionContext session, CancellationToken ct)
    {
        log.Info($"control: {TargetSyntax.Shorten(command.Name)}");
        switch (command.Name)
        {
            case "get-status":
                return Ok(Status(session), AgentJsonContext.Default.AgentStatus);
            case "update-config":
                return await UpdateTargetsAsync(command.Targets, ct);
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
        state.Server.ToString());

    private async Task<ControlReply> UpdateTargetsAsync(IReadOnlyList<AgentTarget>? targets, CancellationToken ct)
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
        state.Targets.Replace(targets);
        log.Info($"targets now {string.Join(",", targets)}");
        string? persistError = null;
        if (state.Config.ConfigFile is { } file)
        {
            persistError = await ConfigFileStore.RewriteTargetsAsync(file, targets, ct);
            if (persistError is null)
            {
                log.Info($"targets written to {file}");
            }
            else
            {
                log.Warn($"targets not written to {file} (they last until the agent restarts): {persistError}");
            }
        }
        else
        {
            persistError = "no configuration file was used";
        }
        return Ok(new TargetsUpdate(state.Targets.Current, persistError is null, persistError), AgentJsonContext.Default.TargetsUpdate);
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
        state.Server = server;
        session.Stop.Request(AgentAction.Redirect, $"redirected to {server}", ReplyGrace);
        return new ControlReply(true);
    }

    private static ControlReply Ok<T>(T status, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(true, Status: JsonSerializer.SerializeToElement(status, type));
}
