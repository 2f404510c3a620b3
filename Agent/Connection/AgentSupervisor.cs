using System.Globalization;
using System.Net.WebSockets;
using CameraCloud.Agent.Logging;

namespace CameraCloud.Agent.Connection;

/// <summary>
/// The reconnect loop: dial, run a session, wait a jittered backoff, dial again — from the very first
/// connect on, forever, until SIGTERM, a revoked token or a restart command ends the process.
/// </summary>
public sealed class AgentSupervisor(
    AgentState state,
    IAgentDialer dialer,
    IAgentSession session,
    ILocalAddressProbe probe,
    AgentLog log,
    TimeProvider time,
    Random random)
{
    /// <summary>How often a running session checks that the local address toward the server is unchanged.</summary>
    public static readonly TimeSpan AddressCheckInterval = TimeSpan.FromSeconds(10);

    /// <summary>Bound on the WebSocket close handshake when a session ends.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Runs until the agent must exit; returns the process exit code.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var backoff = new Backoff(random);
        while (!ct.IsCancellationRequested)
        {
            var (exitCode, extraWait) = await RunOnceAsync(backoff, ct);
            if (exitCode is { } code)
            {
                if (code == AgentExitCodes.Ok)
                {
                    log.Info("stopped");
                }
                return code;
            }
            var delay = backoff.Next();
            if (extraWait is { } wait && wait > delay)
            {
                delay = wait;
            }
            log.Info(string.Create(CultureInfo.InvariantCulture, $"dialing {state.Server} again in {delay.TotalSeconds:0.0} s"));
            try
            {
                await Task.Delay(delay, time, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        log.Info("stopped");
        return AgentExitCodes.Ok;
    }

    /// <returns>An exit code when the agent must stop, and a minimum wait the server asked for.</returns>
    private async Task<(int? ExitCode, TimeSpan? Wait)> RunOnceAsync(Backoff backoff, CancellationToken ct)
    {
        var server = state.Server;
        WebSocket socket;
        string? localIp;
        try
        {
            localIp = await probe.GetLocalAddressAsync(server, ct);
            log.Debug($"dialing {server} (local {localIp ?? "unknown"})");
            socket = await dialer.DialAsync(server, state.Config.Id, state.Config.Token, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (AgentExitCodes.Ok, null);
        }
        catch (DialException e)
        {
            return (null, DialFailed(server, e, backoff));
        }

        using (socket)
        using (var context = new SessionContext(state, server, localIp, log, time, ct))
        {
            var outcome = await RunSessionAsync(socket, context);
            if (context.Lived is { } lived)
            {
                backoff.SessionEnded(lived);
            }
            if (ct.IsCancellationRequested)
            {
                return (AgentExitCodes.Ok, null);
            }
            switch (context.Stop.Action)
            {
                case AgentAction.Restart:
                    log.Info($"{context.Stop.Reason}: exiting with {AgentExitCodes.Restart} for the supervisor to start the agent again");
                    return (AgentExitCodes.Restart, null);
                case AgentAction.Redirect:
                case AgentAction.AddressChanged:
                    // A new server or a new address: the old failures say nothing about the next dial.
                    log.Info($"session ended: {context.Stop.Reason}");
                    backoff.Reset();
                    return (null, null);
                case AgentAction.Reconnect:
                    log.Info($"session ended: {context.Stop.Reason}");
                    return (null, null);
            }
            return outcome is null ? (null, null) : SessionEnded(outcome);
        }
    }

    private async Task<SessionOutcome?> RunSessionAsync(WebSocket socket, SessionContext context)
    {
        var watch = WatchAddressAsync(context);
        try
        {
            return await session.RunAsync(socket, context, context.Stop.Token);
        }
        catch (OperationCanceledException) when (context.Stop.Token.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The handshake failed (a bad WELCOME, the socket dropped): like any dial failure, try again later.
            log.Warn($"session with {context.Server} failed: {e.Message}");
            return null;
        }
        finally
        {
            context.Stop.Cancel();
            await watch;
            await CloseAsync(socket);
        }
    }

    private (int?, TimeSpan?) SessionEnded(SessionOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case SessionEndKind.Revoked:
                log.Error($"the server revoked agent {state.Config.Id} ({outcome.Reason}): not dialing again; exiting with {AgentExitCodes.Revoked}");
                return (AgentExitCodes.Revoked, null);
            case SessionEndKind.Evicted:
                log.Warn($"evicted: a newer connection of {state.Config.Id} took over ({outcome.Reason}); is another agent using this id?");
                return (null, null);
            case SessionEndKind.ServerShutdown:
                log.Info($"the server is shutting down ({outcome.Reason})");
                return (null, null);
            default:
                log.Warn($"session ended: {outcome.Reason}");
                return (null, null);
        }
    }

    private TimeSpan? DialFailed(Uri server, DialException e, Backoff backoff)
    {
        switch (e.Failure)
        {
            case DialFailure.Unauthorized:
                // An operator may fix the token server-side: keep trying, but slowly.
                log.Error($"token rejected by {server} for agent {state.Config.Id} ({e.Message}); retrying at the slowest rate");
                backoff.Saturate();
                return null;
            case DialFailure.RateLimited:
                log.Warn($"{server} asks to slow down ({e.Message})");
                backoff.Saturate();
                return e.RetryAfter;
            default:
                log.Warn($"cannot connect to {server}: {e.Message}");
                return null;
        }
    }

    private async Task WatchAddressAsync(SessionContext context)
    {
        using var timer = new PeriodicTimer(AddressCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(context.Stop.Token))
            {
                var now = await probe.GetLocalAddressAsync(context.Server, context.Stop.Token);
                if (now is not null && context.LocalIp is not null && now != context.LocalIp)
                {
                    context.Stop.Request(AgentAction.AddressChanged, $"local address changed from {context.LocalIp} to {now}", TimeSpan.Zero);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    // The session has ended; a close handshake tells the server at once instead of after its ping timeout.
    private static async Task CloseAsync(WebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "agent closing", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            socket.Abort();
        }
    }
}
