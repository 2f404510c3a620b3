using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using CameraCloud.Agent.Connection;

namespace CameraCloud.Agent.Tests;

/// <summary>A tunnel session whose runs are scripted; with no script left, a run lasts until it is cancelled.</summary>
internal sealed class ScriptedSession : IAgentSession
{
    private readonly Channel<SessionContext> _started = Channel.CreateUnbounded<SessionContext>();

    public ConcurrentQueue<Func<SessionContext, CancellationToken, Task<SessionOutcome>>> Runs { get; } = new();

    /// <summary>Every session run so far, in order.</summary>
    public ConcurrentQueue<SessionContext> Contexts { get; } = new();

    public async Task<SessionOutcome> RunAsync(WebSocket socket, SessionContext context, CancellationToken ct)
    {
        Contexts.Enqueue(context);
        _started.Writer.TryWrite(context);
        if (Runs.TryDequeue(out var run))
        {
            return await run(context, ct);
        }
        context.Established("endless");
        await Task.Delay(Timeout.InfiniteTimeSpan, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        return new SessionOutcome(SessionEndKind.Closed, "cancelled");
    }

    /// <summary>Waits (bounded) for the next session run to start.</summary>
    public async Task<SessionContext> NextStartedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _started.Reader.ReadAsync(timeout.Token);
    }
}
