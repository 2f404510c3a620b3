using System.Diagnostics;
using CameraCloud.Silo.Tests.Storage.Redis;
using CameraCloud.TestSupport;

namespace CameraCloud.Silo.Tests.ClusterNodes;

/// <summary>
/// One node of a test cluster as its own process (the CameraCloud.Silo.dll built beside the tests), on its own
/// loopback address, with Redis storage. <see cref="Kill"/> is a SIGKILL: no graceful leave, no lease released.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();

    private NodeProcess(Process process, string nodeId, string address, ClusterPorts ports)
    {
        _process = process;
        NodeId = nodeId;
        Address = address;
        Ports = ports;
        Gateway = new Uri($"http://{address}:{ports.Gateway}/");
        Client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        TestApiKeys.Authorize(Client);
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string NodeId { get; }
    public string Address { get; }
    public ClusterPorts Ports { get; }
    public Uri Gateway { get; }

    /// <summary>A client of this node's gateway that calls the API as the cluster's bootstrap admin (<see cref="TestApiKeys.Admin"/>).</summary>
    public HttpClient Client { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>The node's latest log lines, for a failing assertion's message.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>
    /// The arguments of node <paramref name="index"/>: the same ports as its peers, its own address, and the same
    /// bootstrap admin key, so a request forwarded to another node carries a key that node accepts too.
    /// </summary>
    public static string[] Arguments(int index, ClusterPorts ports, string redisConnection)
    {
        var address = ClusterPorts.Address(index);
        return
        [
            $"--urls=http://{address}:{ports.Gateway}",
            "--Storage:Provider=Redis",
            $"--Storage:Redis={redisConnection}",
            $"--Cluster:NodeId=node-{(char)('a' + index)}",
            $"--Cluster:AdvertiseAddress=http://{address}:{ports.Gateway}",
            // Short enough that a killed node is forgotten within a test, long enough for a loaded CI machine.
            "--Cluster:HeartbeatInterval=00:00:00.500",
            "--Cluster:NodeExpiry=00:00:03",
            "--Cluster:LeaseDuration=00:00:06",
            $"--V720:HttpPort={ports.V720Http}",
            $"--V720:TcpPort={ports.V720Tcp}",
            $"--V720:MqttPort={ports.Mqtt}",
            $"--V720:PublicHost={address}",
            $"--V720:BindAddress={address}",
            $"--Tunnel:BindAddress={address}",
            $"--Tunnel:PortRange={ports.Tunnel}",
            $"--Tunnel:PublicHost={address}",
            "--Logging:LogLevel:Default=Information",
            "--Logging:LogLevel:Microsoft=Warning",
            // Last but before a test's own arguments, which may give the node another key.
            TestApiKeys.BootstrapArg,
        ];
    }

    /// <summary>Starts node <paramref name="index"/> and waits until it answers ready.</summary>
    public static async Task<NodeProcess> StartAsync(int index, ClusterPorts ports, RedisServer redis, params string[] extraArgs)
    {
        var node = Launch(index, ports, [.. Arguments(index, ports, redis.ConnectionString), .. extraArgs]);
        try
        {
            await node.WaitReadyAsync(TimeSpan.FromSeconds(60));
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a node process with exactly <paramref name="arguments"/>, without waiting for anything.</summary>
    public static NodeProcess Launch(int index, ClusterPorts ports, IEnumerable<string> arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CameraCloud.Silo.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        return new NodeProcess(process, $"node-{(char)('a' + index)}", ClusterPorts.Address(index), ports);
    }

    /// <summary>Waits for the process to end by itself (a start that must fail).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        // The parameterless wait also waits for the redirected output's last lines to be handled.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the node ends mid-flight, as when its pod's machine dies.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{NodeId} exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }
            try
            {
                using var ready = await probe.GetAsync("health/ready", deadline.Token);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{NodeId} was not ready within {timeout}:\n{Output}");
            }
            // Another process's readiness has no signal but its endpoint: poll it.
            await Task.Delay(100, deadline.Token);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
