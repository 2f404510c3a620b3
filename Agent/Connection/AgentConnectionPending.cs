using System.Net.WebSockets;
using CameraCloud.Agent.Control;

namespace CameraCloud.Agent.Connection;

// TEMPORARY: compiled only while Tunnel.Mux lacks the session API (see CameraCloud.Agent.csproj); it lets
// everything else build and be tested. Deleted when the mux is merged.
public sealed class AgentConnection(TargetConnector connector, ControlHandler control, TimeProvider time) : IAgentSession
{
    public Task<SessionOutcome> RunAsync(WebSocket socket, SessionContext context, CancellationToken ct) =>
        throw new NotSupportedException($"the tunnel session is not built in ({connector}, {control}, {time})");
}
