using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel.Tests.Infrastructure;

/// <summary>A server session and an agent session over a real WebSocket pair, both running.</summary>
internal sealed class SessionPair : IAsyncDisposable
{
    private readonly WebSocketPair sockets;

    private SessionPair(WebSocketPair sockets, TunnelSession server, TunnelSession agent)
    {
        this.sockets = sockets;
        Server = server;
        Agent = agent;
    }

    public TunnelSession Server { get; }

    public TunnelSession Agent { get; }

    public Task<TunnelSessionEnd> ServerRun { get; private set; } = null!;

    public Task<TunnelSessionEnd> AgentRun { get; private set; } = null!;

    public static async Task<SessionPair> StartAsync(
        Func<string, CancellationToken, Task<Stream>>? connectTarget = null,
        Func<ControlRequestMessage, CancellationToken, Task<ControlResultMessage>>? controlHandler = null,
        TunnelSessionOptions? serverOptions = null,
        TunnelSessionOptions? agentOptions = null,
        TimeProvider? time = null,
        AgentHelloMessage? hello = null)
    {
        var sockets = await WebSocketPair.CreateAsync();
        time ??= TimeProvider.System;
        var ct = Timeouts.Token();
        var accepting = TunnelSession.AcceptAsync(sockets.Server, serverOptions ?? new TunnelSessionOptions(), time, ct);
        var agent = await TunnelSession.ConnectAsync(sockets.Client, hello ?? Sample.Hello(), agentOptions ?? new TunnelSessionOptions(), time, ct);
        var server = await accepting;
        agent.ConnectTarget = connectTarget;
        agent.ControlHandler = controlHandler;
        var pair = new SessionPair(sockets, server, agent);
        pair.ServerRun = server.RunAsync(CancellationToken.None);
        pair.AgentRun = agent.RunAsync(CancellationToken.None);
        sockets.DisposeServerAfter(pair.ServerRun);
        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().AsTask().WaitAsync(Timeouts.Default);
        await Agent.DisposeAsync().AsTask().WaitAsync(Timeouts.Default);
        await sockets.DisposeAsync();
    }
}
