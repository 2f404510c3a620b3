using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.Tunnel;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>
/// A minimal agent built from the shared mux, as the real one is: one WebSocket, HELLO with its targets,
/// OPEN connects a target from its own table, CONTROL is recorded and answered.
/// </summary>
internal sealed class TestAgent : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly List<ControlRequestMessage> _controls = [];

    private TestAgent(ClientWebSocket socket, TunnelSession session, IReadOnlyDictionary<string, IPEndPoint> targets)
    {
        _socket = socket;
        Session = session;
        Targets = targets;
        session.ConnectTarget = ConnectTargetAsync;
        session.ControlHandler = HandleControlAsync;
        Run = session.RunAsync(CancellationToken.None);
    }

    public TunnelSession Session { get; }

    /// <summary>The session's end: GOAWAY from the server, its close, or the agent's own.</summary>
    public Task<TunnelSessionEnd> Run { get; }

    public IReadOnlyDictionary<string, IPEndPoint> Targets { get; }

    /// <summary>Answers control requests; null answers ok with a small status.</summary>
    public Func<ControlRequestMessage, CancellationToken, Task<ControlResultMessage>>? OnControl { get; set; }

    public TaskCompletionSource<ControlRequestMessage> FirstControl { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ControlRequestMessage> Controls
    {
        get
        {
            lock (_controls)
            {
                return [.. _controls];
            }
        }
    }

    public static async Task<TestAgent> ConnectAsync(RunningSilo silo, string agentId, string token,
        IReadOnlyDictionary<string, IPEndPoint> targets, CancellationToken cancellationToken, string? helloAgentId = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("cameracloud-tunnel.v1");
        socket.Options.SetRequestHeader("Authorization", AgentAuthTests.Basic(agentId, token).ToString());
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(AgentAuthTests.AgentUri(silo), cancellationToken);
        var hello = new AgentHelloMessage(helloAgentId ?? agentId, "test-1.0", "test-camera", "192.168.1.64", "test-host",
            [.. targets.Select(t => new TargetMessage(t.Key, t.Value.Address.ToString(), t.Value.Port))]);
        var session = await TunnelSession.ConnectAsync(socket, hello, new TunnelSessionOptions(), TimeProvider.System, cancellationToken);
        return new TestAgent(socket, session, targets);
    }

    public static IReadOnlyDictionary<string, IPEndPoint> RtspTo(IPEndPoint endPoint) =>
        new Dictionary<string, IPEndPoint> { ["rtsp"] = endPoint };

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await Run;
        _socket.Dispose();
    }

    private async Task<Stream> ConnectTargetAsync(string target, CancellationToken cancellationToken)
    {
        if (!Targets.TryGetValue(target, out var endPoint))
        {
            throw new TunnelStreamException(TunnelErrorCode.UnknownTarget, $"no target '{target}'");
        }
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new TunnelStreamException(TunnelErrorCode.TargetUnreachable, ex.Message);
        }
        return new NetworkStream(socket, ownsSocket: true);
    }

    private Task<ControlResultMessage> HandleControlAsync(ControlRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_controls)
        {
            _controls.Add(request);
        }
        FirstControl.TrySetResult(request);
        return OnControl?.Invoke(request, cancellationToken)
            ?? Task.FromResult(new ControlResultMessage(request.Id, true, null, JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["uptimeSeconds"] = 42 })));
    }
}
