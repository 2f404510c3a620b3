using System.IO.Pipelines;
using System.Net;
using CameraCloud.Cameras;
using CameraCloud.Edge.V720;
using CameraCloud.Silo.Cluster;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage;
using CameraCloud.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>
/// One <see cref="V720ControlSession"/> running over an in-memory pipe pair, with the real registry, an
/// unstarted UDP server and the real camera grains behind it. The session has a manual clock of its own,
/// apart from the grains' clock, so that waiting for "a timer was armed" sees only the session's timers.
/// </summary>
internal sealed class ControlSessionHarness : IAsyncDisposable
{
    public const string RemoteEndPoint = "198.51.100.20:40123";

    public static readonly IPAddress PublicHost = IPAddress.Parse("203.0.113.7");

    private readonly TempFolder _folder = new();
    private readonly CancellationTokenSource _nodeStopping = new();
    private readonly List<Task> _runs = [];
    private readonly V720SessionServices _services;

    private ControlSessionHarness(Action<V720Options>? configure, PipeOptions? toCameraOptions)
    {
        Options = new V720Options();
        configure?.Invoke(Options);
        Silo = CameraSilo.Create(_folder.Path);
        Registry = new V720SessionRegistry();
        Udp = new V720UdpServer(Options, Registry, NullLogger<V720UdpServer>.Instance);
        var node = new LocalNode(Microsoft.Extensions.Options.Options.Create(new ClusterOptions { NodeId = "test-node" }), Clock);
        _services = new V720SessionServices(Options, PublicHost, Silo.Factory, new LocalDeviceDirectory(node), Registry, Udp, Clock, Log);
        (Session, Camera, Run) = Connect(RemoteEndPoint, toCameraOptions);
    }

    public V720Options Options { get; }

    public ManualTimeProvider Clock { get; } = new();

    public RecordingLogger<V720ControlSession> Log { get; } = new();

    public CameraSilo Silo { get; }

    public V720SessionRegistry Registry { get; }

    public V720UdpServer Udp { get; }

    public V720ControlSession Session { get; }

    public FakeCamera Camera { get; }

    /// <summary>The session's RunAsync: completes when the session ended.</summary>
    public Task Run { get; }

    /// <summary>Starts a session; <paramref name="toCameraOptions"/> shapes the session → camera pipe (back-pressure).</summary>
    public static ControlSessionHarness Start(Action<V720Options>? configure = null, PipeOptions? toCameraOptions = null) =>
        new(configure, toCameraOptions);

    /// <summary>Starts a session and registers the captured camera; returns once the grain knows it is online.</summary>
    public static async Task<ControlSessionHarness> StartRegisteredAsync(Action<V720Options>? configure = null)
    {
        var harness = Start(configure);
        await harness.Camera.SendAsync(CapturedBytes.RegisterRequest);
        Assert.Equal(CapturedBytes.RegisterResponse, await harness.Camera.ReceiveBytesAsync());
        // Registration awaits the grain before the next message is read: the heartbeat's answer means it is done.
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        return harness;
    }

    /// <summary>Opens one more control connection to the same node (a camera reconnecting, §5.4).</summary>
    public (V720ControlSession Session, FakeCamera Camera, Task Run) Connect(string remoteEndPoint, PipeOptions? toCameraOptions = null)
    {
        var toSession = new Pipe();
        var toCamera = new Pipe(toCameraOptions ?? PipeOptions.Default);
        var session = new V720ControlSession(new DuplexPipe(toSession.Reader, toCamera.Writer), remoteEndPoint, _services);
        Task run = session.RunAsync(_nodeStopping.Token);
        _runs.Add(run);
        return (session, new FakeCamera(toSession.Writer, toCamera.Reader), run);
    }

    public Task<CameraInfo?> GetCameraAsync() => Wait.For(Silo.Camera(CapturedBytes.NormalizedUid).GetInfoAsync(CancellationToken.None));

    /// <summary>Waits (bounded) for the session to end by itself.</summary>
    public Task WaitForEndAsync() => Wait.For(Run);

    /// <summary>The reasons the session logged for closing.</summary>
    public IReadOnlyList<string> CloseMessages => Log.Messages("V720ControlClosed");

    public async ValueTask DisposeAsync()
    {
        await _nodeStopping.CancelAsync();
        await Wait.For(Task.WhenAll(_runs));
        await Udp.DisposeAsync();
        await Silo.DisposeAsync();
        _nodeStopping.Dispose();
        _folder.Dispose();
    }
}
