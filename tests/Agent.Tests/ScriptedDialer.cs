using System.Collections.Concurrent;
using System.Net.WebSockets;
using CameraCloud.Agent.Connection;

namespace CameraCloud.Agent.Tests;

/// <summary>A dialer that fails or succeeds as scripted and records what it was asked to dial.</summary>
internal sealed class ScriptedDialer : IAgentDialer
{
    public ConcurrentQueue<DialException?> Results { get; } = new();

    public ConcurrentQueue<Uri> Dialed { get; } = new();

    /// <summary>Queues a successful dial.</summary>
    public void Succeed() => Results.Enqueue(null);

    public void Fail(DialFailure failure, TimeSpan? retryAfter = null) =>
        Results.Enqueue(new DialException(failure, $"scripted {failure}", retryAfter));

    public Task<WebSocket> DialAsync(Uri server, string id, string token, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Dialed.Enqueue(server);
        if (!Results.TryDequeue(out var result))
        {
            throw new DialException(DialFailure.Unreachable, "script ended");
        }
        if (result is not null)
        {
            throw result;
        }
        return Task.FromResult(WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions()));
    }
}
