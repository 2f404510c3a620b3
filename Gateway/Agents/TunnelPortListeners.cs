using System.Net;
using CameraCloud.Actors;
using CameraCloud.Agents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway.Agents;

/// <summary>
/// The gateway's per-target TCP ports. At start it listens on every port of the index's port table; the REST
/// handlers call <see cref="SyncAsync"/> after each change, so a new target's port listens, and a deleted
/// agent's port is closed with its connections, before the request answers. A port that cannot be bound is
/// logged and skipped (and tried again at the next sync); it never stops the node. Every
/// <see cref="ResyncInterval"/> it syncs again by itself: in a cluster another node may have provisioned or
/// deleted an agent, and every node listens on every port.
/// </summary>
public sealed class TunnelPortListeners(
    IGrainFactory grains,
    IAgentStreamOpener opener,
    IOptions<TunnelOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<TunnelPortListeners>();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, TunnelPortListener> _listeners = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _resync = Task.CompletedTask;
    private HashSet<int> _unbindable = [];
    private bool _stopped;
    private int _disposed;

    /// <summary>How often the port table is read again for changes made on other nodes.</summary>
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(3);

    /// <summary>Ports listening right now.</summary>
    public IReadOnlyCollection<int> ListeningPorts
    {
        get
        {
            lock (_listeners)
            {
                return [.. _listeners.Keys];
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SyncAsync(cancellationToken);
        _resync = ResyncLoopAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _resync.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _stopped = true;
            await CloseAllAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes the listeners match the index's port table: opens new ports, closes freed or reassigned ones.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_stopped)
            {
                return;
            }
            // Read under the gate, so two syncs cannot apply their snapshots in the wrong order.
            var assignments = await grains.GetGrain<ITunnelIndexGrain>(ITunnelIndexGrain.DefaultKey).ListPortsAsync(cancellationToken);
            var wanted = assignments.ToDictionary(a => a.Port);
            int opened = 0, closed = 0;
            List<int> failed = [];
            foreach (var (port, listener) in Snapshot())
            {
                if (!wanted.TryGetValue(port, out var assignment) || assignment != listener.Assignment)
                {
                    Remove(port);
                    await listener.DisposeAsync();
                    closed++;
                }
            }
            var o = options.Value;
            var bind = IPAddress.Parse(o.BindAddress);
            foreach (var assignment in wanted.Values)
            {
                if (Contains(assignment.Port))
                {
                    continue;
                }
                var started = TunnelPortListener.TryStart(bind, assignment, opener, o.MaxStreamsPerAgent, time, _logger,
                    quietBindFailure: _unbindable.Contains(assignment.Port));
                if (started is null)
                {
                    failed.Add(assignment.Port);
                    continue;
                }
                lock (_listeners)
                {
                    _listeners[assignment.Port] = started;
                }
                opened++;
            }
            // The periodic resync retries a port that cannot be bound; one line when that set changes, not one per round.
            var failedChanged = !_unbindable.SetEquals(failed);
            if (opened + closed > 0 || failedChanged)
            {
                TunnelPortLog.Synced(_logger, opened, closed, ListeningPorts.Count, failed.Count);
            }
            _unbindable = [.. failed];
        }
        finally
        {
            _gate.Release();
        }
    }

    // The container may dispose this twice: once as itself, once as the hosted service that resolves it.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _stopped = true;
        await _stopping.CancelAsync();
        await _resync.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await CloseAllAsync();
        _stopping.Dispose();
    }

    private async Task ResyncLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ResyncInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await SyncAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store may be away for a moment (Redis restarting); the ports keep what they have.
                    TunnelPortLog.ResyncFailed(_logger, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task CloseAllAsync()
    {
        foreach (var (port, listener) in Snapshot())
        {
            Remove(port);
            await listener.DisposeAsync();
        }
    }

    private List<KeyValuePair<int, TunnelPortListener>> Snapshot()
    {
        lock (_listeners)
        {
            return [.. _listeners];
        }
    }

    private bool Contains(int port)
    {
        lock (_listeners)
        {
            return _listeners.ContainsKey(port);
        }
    }

    private void Remove(int port)
    {
        lock (_listeners)
        {
            _listeners.Remove(port);
        }
    }
}
