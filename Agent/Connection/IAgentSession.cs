using System.Net.WebSockets;

namespace CameraCloud.Agent.Connection;

/// <summary>Runs the tunnel protocol over one connected WebSocket until the session ends.</summary>
public interface IAgentSession
{
    /// <summary>
    /// Handshakes (HELLO/WELCOME), calls <see cref="SessionContext.Established"/>, serves OPEN and CONTROL
    /// until the session ends or <paramref name="ct"/> is cancelled. Throws only when the handshake fails.
    /// </summary>
    Task<SessionOutcome> RunAsync(WebSocket socket, SessionContext context, CancellationToken ct);
}
