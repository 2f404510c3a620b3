using System.Collections.Concurrent;
using System.Net.WebSockets;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

/// <summary>
/// One agent's tunnel session over one WebSocket (docs/tunnel-protocol.md), on either side.
/// <see cref="RunAsync"/> runs one reader loop, one writer loop fed by <see cref="OutboundQueue"/>
/// and one pinger; on the agent side each OPEN gets a task that connects the target and splices it.
/// Everything it starts ends before RunAsync returns. All time comes from the TimeProvider given.
/// </summary>
public sealed partial class TunnelSession : IAsyncDisposable
{
    private readonly WebSocket socket;
    private readonly TimeProvider time;
    private readonly TunnelSessionOptions options;
    private readonly bool isServer;
    private readonly TimeSpan pingInterval;
    private readonly TimeSpan pingTimeout;
    private readonly int maxStreams;
    private readonly int initialWindow;
    private readonly int maxDataPayload;
    private readonly OutboundQueue outbound;
    private readonly FrameReceiver receiver;
    private readonly Lock gate = new();
    private readonly Dictionary<uint, TunnelStream> streams = [];
    private readonly ConcurrentDictionary<long, TaskCompletionSource<ControlResultMessage?>> pendingControls = new();
    private readonly CancellationTokenSource lifetime = new();
    private readonly TaskCompletionSource<TunnelSessionEnd> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource runDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource backgroundDrained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SessionEndKind? endKind;
    private TunnelErrorCode goAwayCode;
    private string? goAwayReason;
    private SessionRunState runState;
    private bool draining;
    private int background;
    private int activeControls;
    private uint highestStreamId;
    private long nextControlId;
    private long streamsOpened;
    private long bytesSent;
    private long bytesReceived;
    private long lastReceivedTimestamp;
    private long pongsReceived;

    private TunnelSession(WebSocket socket, TunnelSessionOptions options, TimeProvider time, bool isServer,
        FrameReceiver receiver, AgentHelloMessage hello, ServerWelcomeMessage welcome)
    {
        this.socket = socket;
        this.options = options;
        this.time = time;
        this.isServer = isServer;
        this.receiver = receiver;
        Hello = hello;
        Welcome = welcome;
        if (isServer)
        {
            // Our own settings at full precision; WELCOME carries them rounded to seconds.
            pingInterval = options.PingInterval;
            pingTimeout = options.PingTimeout;
            maxStreams = options.MaxStreams;
            initialWindow = options.InitialWindow;
            maxDataPayload = TunnelLimits.MaxDataPayload;
        }
        else
        {
            pingInterval = TimeSpan.FromSeconds(welcome.PingIntervalSeconds);
            pingTimeout = TimeSpan.FromSeconds(welcome.PingTimeoutSeconds);
            maxStreams = welcome.MaxStreams;
            initialWindow = welcome.InitialWindow;
            maxDataPayload = welcome.MaxFramePayload;
        }
        // Control frames are bounded per stream by the protocol (see OutboundQueue), so size their
        // queue for every stream plus the session's own.
        outbound = new OutboundQueue(options.MaxQueuedFrames + 4 * maxStreams, options.MaxQueuedFrames);
    }

    /// <summary>The agent's HELLO (on the agent side, the one it sent).</summary>
    public AgentHelloMessage? Hello { get; }

    /// <summary>The server's WELCOME (on the server side, the one it sent).</summary>
    public ServerWelcomeMessage? Welcome { get; }

    /// <summary>True on the side that accepted the WebSocket.</summary>
    public bool IsServer => isServer;

    /// <summary>Agent side: OPEN → connect to the named target and return a duplex stream; throw <see cref="TunnelStreamException"/> to refuse. Set before RunAsync.</summary>
    public Func<string, CancellationToken, Task<Stream>>? ConnectTarget { get; set; }

    /// <summary>Agent side: answers CONTROL requests. Without one every request is answered ok:false "unsupported".</summary>
    public Func<ControlRequestMessage, CancellationToken, Task<ControlResultMessage>>? ControlHandler { get; set; }

    /// <summary>
    /// Agent side: called once a CONTROL_RESULT is queued. Control frames go out in order and
    /// GoAwayAsync flushes those queued before it, so a GOAWAY started from here (for "restart",
    /// "reconnect", "redirect") reaches the server after the answer.
    /// </summary>
    public Action<ControlRequestMessage, ControlResultMessage>? ControlAnswered { get; set; }

    /// <summary>Completes with the end once the session has decided to end (RunAsync returns a little later).</summary>
    public Task<TunnelSessionEnd> Completion => ended.Task;

    /// <summary>PONG frames received; tests use it to see pings answered.</summary>
    internal long PongsReceived => Interlocked.Read(ref pongsReceived);

    /// <summary>Called by the reader after each frame it has handled; a test hook.</summary>
    internal Action<TunnelFrameHeader>? FrameHandled { get; set; }

    private bool IsEnding
    {
        get
        {
            lock (gate)
            {
                return endKind is not null;
            }
        }
    }

    /// <summary>
    /// Runs the session until the peer closes, goes silent past the ping timeout, breaks the
    /// protocol, a GOAWAY is sent or received, or <paramref name="ct"/> is cancelled (which sends
    /// GOAWAY SHUTDOWN). Returns why; never throws for those. Once per session.
    /// </summary>
    public async Task<TunnelSessionEnd> RunAsync(CancellationToken ct)
    {
        SessionRunState before;
        lock (gate)
        {
            before = runState;
            if (before == SessionRunState.NotStarted)
            {
                runState = SessionRunState.Running;
            }
        }
        if (before == SessionRunState.Running)
        {
            throw new InvalidOperationException("RunAsync runs once per session.");
        }
        if (before == SessionRunState.Closed)
        {
            // Ended by GoAwayAsync or DisposeAsync before it ever ran; End has been or is being called.
            return await ended.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        try
        {
            return await RunLoopsAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            runDone.TrySetResult();
        }
    }

    private async Task<TunnelSessionEnd> RunLoopsAsync(CancellationToken ct)
    {
        var token = lifetime.Token;
        MarkAlive();
        var writer = WriteLoopAsync(token);
        var reader = ReadLoopAsync(token);
        var pinger = PingLoopAsync(token);
        TunnelSessionEnd end;
        using (ct.UnsafeRegister(static state => ((TunnelSession)state!).End(SessionEndKind.GoAwayNoWait,
            TunnelErrorCode.Shutdown, "the session was cancelled"), this))
        {
            // Completed by End, which the registration above calls on cancellation.
            end = await ended.Task.ConfigureAwait(false);
        }
        await WaitForCloseAsync(writer, reader).ConfigureAwait(false);
        await lifetime.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(reader, writer, pinger).ConfigureAwait(false);
        await WaitForBackgroundAsync().ConfigureAwait(false);
        outbound.DiscardAll();
        return end;
    }

    /// <summary>Sends GOAWAY with <paramref name="code"/>, closes the WebSocket and ends RunAsync; returns once the GOAWAY is written.</summary>
    public async Task GoAwayAsync(TunnelErrorCode code, string? reason, CancellationToken ct)
    {
        SessionRunState before;
        lock (gate)
        {
            before = runState;
            if (before == SessionRunState.NotStarted)
            {
                runState = SessionRunState.Closed;
            }
        }
        End(SessionEndKind.GoAway, code, reason ?? code.ToString());
        if (before == SessionRunState.NotStarted)
        {
            // No writer loop exists and none will start: nothing else sends on this socket.
            await TrySendGoAwayAndCloseAsync(socket, code, reason, ct).ConfigureAwait(false);
        }
        else if (before == SessionRunState.Running)
        {
            await writerDone.Task.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public TunnelSessionStats GetStats()
    {
        TunnelStreamStats[] open;
        lock (gate)
        {
            open = streams.Values.Where(s => !s.AwaitingOpenOk).Select(s => s.GetStats()).OrderBy(s => s.StreamId).ToArray();
        }
        return new TunnelSessionStats(Interlocked.Read(ref bytesSent), Interlocked.Read(ref bytesReceived),
            Interlocked.Read(ref streamsOpened), open);
    }

    /// <summary>Ends the session (GOAWAY SHUTDOWN if it runs) and waits for RunAsync to finish. Does not dispose the WebSocket.</summary>
    public async ValueTask DisposeAsync()
    {
        SessionRunState before;
        lock (gate)
        {
            before = runState;
            if (before == SessionRunState.NotStarted)
            {
                runState = SessionRunState.Closed;
            }
        }
        End(SessionEndKind.GoAwayNoWait, TunnelErrorCode.Shutdown, "the session was disposed");
        if (before == SessionRunState.Running)
        {
            // RunAsync bounds its own close by CloseTimeout.
            await runDone.Task.ConfigureAwait(false);
        }
        lifetime.Dispose();
    }

    /// <summary>Decides the end, once: refuses new frames, fails every stream and pending request.</summary>
    private void End(SessionEndKind kind, TunnelErrorCode? code, string reason)
    {
        List<TunnelStream> open;
        lock (gate)
        {
            if (endKind is not null)
            {
                return;
            }
            endKind = kind;
            if (kind is SessionEndKind.GoAway or SessionEndKind.GoAwayNoWait)
            {
                goAwayCode = code ?? TunnelErrorCode.Internal;
                goAwayReason = reason;
            }
            open = [.. streams.Values];
            streams.Clear();
        }
        outbound.Close();
        var failure = new StreamFailure(code, $"the tunnel session ended: {reason}", SessionClosed: true);
        foreach (var stream in open)
        {
            stream.Fail(failure);
        }
        foreach (var pending in pendingControls.Values)
        {
            pending.TrySetResult(null);
        }
        bool byPeer = kind is SessionEndKind.PeerGoAway or SessionEndKind.PeerClosed or SessionEndKind.Lost;
        ended.TrySetResult(new TunnelSessionEnd(code, reason, byPeer));
    }

    /// <summary>Waits, at most CloseTimeout, for the writer's GOAWAY and close and (unless the peer is presumed gone) for the peer's close.</summary>
    private async Task WaitForCloseAsync(Task writer, Task reader)
    {
        SessionEndKind kind;
        lock (gate)
        {
            kind = endKind!.Value;
        }
        if (kind == SessionEndKind.Lost)
        {
            return;
        }
        var closed = kind == SessionEndKind.GoAwayNoWait ? writer : Task.WhenAll(writer, reader);
        var deadline = Task.Delay(options.CloseTimeout, time, lifetime.Token);
        await Task.WhenAny(closed, deadline).ConfigureAwait(false);
    }

    private void MarkAlive() => Volatile.Write(ref lastReceivedTimestamp, time.GetTimestamp());

    private void RemoveStream(TunnelStream stream)
    {
        lock (gate)
        {
            if (streams.TryGetValue(stream.StreamId, out var current) && ReferenceEquals(current, stream))
            {
                streams.Remove(stream.StreamId);
            }
        }
    }

    /// <summary>Registers a task RunAsync must wait for; false once the session is ending. Call under <see cref="gate"/>.</summary>
    private bool TryStartBackground()
    {
        if (endKind is not null)
        {
            return false;
        }
        background++;
        return true;
    }

    private void BackgroundDone()
    {
        lock (gate)
        {
            background--;
            if (background == 0 && draining)
            {
                backgroundDrained.TrySetResult();
            }
        }
    }

    private Task WaitForBackgroundAsync()
    {
        lock (gate)
        {
            draining = true;
            if (background == 0)
            {
                backgroundDrained.TrySetResult();
            }
        }
        return backgroundDrained.Task;
    }

    private static bool IsConnectionError(Exception e) =>
        e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException;
}
