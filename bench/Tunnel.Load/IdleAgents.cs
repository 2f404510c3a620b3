using System.Net.WebSockets;
using System.Text;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.Tunnel;

namespace CameraCloud.Bench.TunnelLoad;

/// <summary>
/// Many connected, idle agents in this process: each a WebSocket and a tunnel session that only pings,
/// which is all an agent with no viewer does.
/// </summary>
public sealed class IdleAgents : IAsyncDisposable
{
    private readonly List<(ClientWebSocket Socket, TunnelSession Session, Task Run)> _agents = [];
    private readonly CancellationTokenSource _stop = new();

    public int Count => _agents.Count;

    public async Task ConnectAsync(Uri gateway, ProvisionedAgent agent, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("cameracloud-tunnel.v1");
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{agent.Id}:{agent.Token}")));
        await socket.ConnectAsync(new Uri(gateway, "agent/connect").ToWebSocketUri(), cancellationToken);
        var hello = new AgentHelloMessage(agent.Id, "bench", "idle", "127.0.0.1", "bench", []);
        var session = await TunnelSession.ConnectAsync(socket, hello, new TunnelSessionOptions(), TimeProvider.System, cancellationToken);
        _agents.Add((socket, session, session.RunAsync(_stop.Token)));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var (socket, session, run) in _agents)
        {
            await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await session.DisposeAsync();
            socket.Dispose();
        }
        _stop.Dispose();
    }
}
