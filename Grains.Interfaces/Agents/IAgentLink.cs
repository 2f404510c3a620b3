using CameraCloud.Actors;

namespace CameraCloud.Agents;

/// <summary>The edge's handle on one agent session, given to the grain as an observer.</summary>
public interface IAgentLink : IGrainObserver
{
    long LinkId { get; }

    string RemoteEndPoint { get; }

    /// <summary>Sends CONTROL and waits (bounded) for CONTROL_RESULT.</summary>
    Task<AgentControlResult> SendControlAsync(AgentControlCommand command, CancellationToken cancellationToken);

    /// <summary>Sends GOAWAY with the code and closes (evicted by a newer link, or revoked).</summary>
    Task CloseAsync(AgentCloseReason reason, string message);
}
