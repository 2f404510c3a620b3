using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CameraCloud.Agents;
using CameraCloud.Tunnel;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Agents;

/// <summary>
/// One gateway port of one (agent, target): accepts TCP connections and splices each into a tunnel stream to
/// the target. While the agent is offline each connection is closed at once, so a VMS sees a refusal instead
/// of a connection that hangs. At most <c>maxConnections</c> are served at once; closing the listener drops them.
/// </summary>
internal sealed class TunnelPortListener : IAsyncDisposable
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    // Closing drops every connection; this bounds how long disposal waits for their tasks to notice.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;
    private readonly IAgentStreamOpener _opener;
    private readonly int _maxConnections;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly ConcurrentDictionary<long, (Socket Client, Task Serving)> _connections = new();
    private readonly BoundedLogGate _offlineLog;
    private readonly BoundedLogGate _refusedLog;
    private readonly BoundedLogGate _limitLog;
    private long _nextConnectionId;
    private Task _acceptLoop = Task.CompletedTask;
    private int _disposed;

    private TunnelPortListener(Socket socket, TunnelPortAssignment assignment, IAgentStreamOpener opener, int maxConnections,
        TimeProvider time, ILogger logger)
    {
        _socket = socket;
        Assignment = assignment;
        _opener = opener;
        _maxConnections = maxConnections;
        _logger = logger;
        _offlineLog = new BoundedLogGate(time, LogInterval);
        _refusedLog = new BoundedLogGate(time, LogInterval);
        _limitLog = new BoundedLogGate(time, LogInterval);
    }

    public TunnelPortAssignment Assignment { get; }

    public int OpenConnections => _connections.Count;

    /// <summary>
    /// Binds and starts accepting; null when the port cannot be bound, logged with the port and agent unless
    /// <paramref name="quietBindFailure"/> (a retry of a port whose failure was logged already).
    /// </summary>
    public static TunnelPortListener? TryStart(IPAddress bindAddress, TunnelPortAssignment assignment, IAgentStreamOpener opener,
        int maxConnections, TimeProvider time, ILogger logger, bool quietBindFailure = false)
    {
        var socket = new Socket(bindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(bindAddress, assignment.Port));
            socket.Listen(backlog: 128);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            if (!quietBindFailure)
            {
                TunnelPortLog.BindFailed(logger, assignment.Port, assignment.AgentId, assignment.Target, bindAddress.ToString(), ex.Message);
            }
            return null;
        }
        var listener = new TunnelPortListener(socket, assignment, opener, maxConnections, time, logger);
        listener._acceptLoop = listener.AcceptLoopAsync(listener._closing.Token);
        TunnelPortLog.Listening(logger, assignment.Port, assignment.AgentId, assignment.Target);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        var open = _connections.Count;
        await _closing.CancelAsync();
        _socket.Dispose();
        foreach (var (client, _) in _connections.Values)
        {
            client.Dispose();
        }
        Task[] pending = [_acceptLoop, .. _connections.Values.Select(c => c.Serving)];
        // Every task logs its own failures; here only whether they are done matters.
        await Task.WhenAll(pending).WaitAsync(DrainTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (pending.All(t => t.IsCompleted))
        {
            // Otherwise tasks still running hold the cancelled token, so its source stays; they end on their own.
            _closing.Dispose();
        }
        TunnelPortLog.Closed(_logger, Assignment.Port, Assignment.AgentId, Assignment.Target, open);
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                // The client gave up while queued; the listener is fine.
                continue;
            }
            catch (SocketException ex)
            {
                TunnelPortLog.AcceptFailed(_logger, Assignment.Port, ex.Message);
                return;
            }

            if (_connections.Count >= _maxConnections)
            {
                if (_limitLog.TryEnter(out var suppressed))
                {
                    TunnelPortLog.ConnectionLimit(_logger, Describe(client), Assignment.Port, _maxConnections, suppressed);
                }
                client.Dispose();
                continue;
            }
            var id = Interlocked.Increment(ref _nextConnectionId);
            // Registered before it runs, so a close that starts now also closes this one.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var serving = ServeAfterAsync(start.Task, id, client, cancellationToken);
            _connections[id] = (client, serving);
            start.SetResult();
            if (Volatile.Read(ref _disposed) != 0)
            {
                client.Dispose();
            }
        }
    }

    private async Task ServeAfterAsync(Task start, long id, Socket client, CancellationToken cancellationToken)
    {
        try
        {
            await start;
            await ServeAsync(client, cancellationToken);
        }
        finally
        {
            _connections.TryRemove(id, out _);
            client.Dispose();
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        var who = Describe(client);
        var (agentId, target) = (Assignment.AgentId, Assignment.Target);
        try
        {
            // RTSP requests and interleaved packets are small; Nagle would hold them back behind ACKs.
            client.NoDelay = true;
            Stream tunnel;
            try
            {
                tunnel = await _opener.OpenStreamAsync(agentId, target, who, cancellationToken);
            }
            catch (AgentOfflineException)
            {
                if (_offlineLog.TryEnter(out var suppressed))
                {
                    TunnelPortLog.AgentOffline(_logger, who, Assignment.Port, agentId, suppressed);
                }
                return;
            }
            catch (AgentStreamRefusedException ex)
            {
                if (_refusedLog.TryEnter(out var suppressed))
                {
                    TunnelPortLog.StreamRefused(_logger, who, Assignment.Port, agentId, target, ex.Message, suppressed);
                }
                return;
            }

            await using (tunnel)
            {
                await using var clientStream = new NetworkStream(client, ownsSocket: false);
                var (toAgent, fromAgent) = await StreamSplice.RunAsync(clientStream, tunnel, cancellationToken);
                TunnelPortLog.ConnectionEnded(_logger, who, Assignment.Port, agentId, target, toAgent, fromAgent);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A client or agent that goes away mid-stream is expected, not an error.
            TunnelPortLog.ConnectionFailed(_logger, who, Assignment.Port, agentId, ex.Message);
        }
        catch (Exception ex) when (ex is TunnelStreamException or TunnelSessionClosedException)
        {
            // The agent reset the stream or its session ended under it.
            TunnelPortLog.ConnectionFailed(_logger, who, Assignment.Port, agentId, ex.Message);
        }
        catch (Exception ex)
        {
            TunnelPortLog.ConnectionError(_logger, who, Assignment.Port, agentId, ex);
        }
    }

    private static string Describe(Socket client)
    {
        try
        {
            return client.RemoteEndPoint?.ToString() ?? "?";
        }
        catch (ObjectDisposedException)
        {
            return "?";
        }
    }
}
