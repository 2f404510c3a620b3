using CameraCloud.Agents;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>An <see cref="IAgentLink"/> that records what the grain asks of it and answers controls with a set result.</summary>
internal sealed class FakeAgentLink(long linkId, string remoteEndPoint = "203.0.113.7:50000") : IAgentLink
{
    private readonly List<AgentControlCommand> _controls = [];

    public long LinkId { get; } = linkId;

    public string RemoteEndPoint { get; } = remoteEndPoint;

    public TaskCompletionSource<(AgentCloseReason Reason, string Message)> Closed { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AgentControlResult Answer { get; set; } = new(true, null, null);

    public IReadOnlyList<AgentControlCommand> Controls
    {
        get
        {
            lock (_controls)
            {
                return [.. _controls];
            }
        }
    }

    public Task<AgentControlResult> SendControlAsync(AgentControlCommand command, CancellationToken cancellationToken)
    {
        lock (_controls)
        {
            _controls.Add(command);
        }
        return Task.FromResult(Answer);
    }

    public Task CloseAsync(AgentCloseReason reason, string message)
    {
        Closed.TrySetResult((reason, message));
        return Task.CompletedTask;
    }
}
