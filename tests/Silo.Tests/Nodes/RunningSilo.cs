using System.Net;
using System.Net.Sockets;
using CameraCloud.Agents;
using CameraCloud.TestSupport;
using CameraCloud.V720.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Silo.Tests.Nodes;

/// <summary>
/// A whole node started in-process on loopback with its own data folder and free ports, as a test would
/// run it: real sockets, real storage, the same composition as Program.cs.
/// </summary>
public sealed class RunningSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningSilo(WebApplication app, string dataPath, int httpPort, int tcpPort, int mqttPort, Uri gateway, TunnelPortRange tunnelPorts)
    {
        _app = app;
        TunnelPorts = tunnelPorts;
        DataPath = dataPath;
        HttpPort = httpPort;
        TcpPort = tcpPort;
        MqttPort = mqttPort;
        Gateway = gateway;
        Client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        TestApiKeys.Authorize(Client);
    }

    public string DataPath { get; }
    public int HttpPort { get; }
    public int TcpPort { get; }
    public int MqttPort { get; }
    public Uri Gateway { get; }

    /// <summary>A client of the gateway that calls the API as the node's bootstrap admin (<see cref="TestApiKeys.Admin"/>).</summary>
    public HttpClient Client { get; }

    /// <summary>The node's Tunnel:PortRange: free loopback ports when it started.</summary>
    public TunnelPortRange TunnelPorts { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>Leave the data folder on disposal, for a restart on the same data.</summary>
    public bool KeepData { get; set; }

    /// <summary>Starts a node with a fresh data folder.</summary>
    public static Task<RunningSilo> StartAsync(params string[] extraArgs) =>
        StartOnDataAsync(Path.Combine(Path.GetTempPath(), "cameracloud-test-" + Guid.NewGuid().ToString("N")), extraArgs);

    /// <summary>Starts a node on the data folder of a previous one: "the same" node after a restart.</summary>
    public static Task<RunningSilo> StartOnDataAsync(string dataPath, params string[] extraArgs) =>
        StartAsync(dataPath, logs: null, extraArgs);

    /// <summary>Starts a node with a fresh data folder whose every log event also goes to <paramref name="logs"/>.</summary>
    public static Task<RunningSilo> StartRecordingAsync(RecordingLoggerProvider logs, params string[] extraArgs) =>
        StartAsync(Path.Combine(Path.GetTempPath(), "cameracloud-test-" + Guid.NewGuid().ToString("N")), logs, extraArgs);

    /// <summary>
    /// Ports found free are bound a moment later, and another test's outgoing connection can take one in between
    /// (the kernel hands those out from the same range): a start that lost a port that way is tried again with new
    /// ones. A port a test fixed itself fails every attempt, so the test still sees its error.
    /// </summary>
    private static async Task<RunningSilo> StartAsync(string dataPath, RecordingLoggerProvider? logs, string[] extraArgs)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dataPath, logs, extraArgs);
            }
            catch (Exception ex) when (attempt < attempts && IsAddressInUse(ex))
            {
            }
        }
    }

    private static bool IsAddressInUse(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } or Microsoft.AspNetCore.Connections.AddressInUseException
                || current.Message.Contains("Address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static async Task<RunningSilo> StartOnceAsync(string dataPath, RecordingLoggerProvider? logs, string[] extraArgs)
    {
        var httpPort = LoopbackPorts.Tcp();
        var tcpPort = LoopbackPorts.TcpAndUdp();
        var mqttPort = LoopbackPorts.Tcp();
        // A restart that must keep its gateway address (agents dial it) passes the old --urls.
        var urlsArg = extraArgs.FirstOrDefault(a => a.StartsWith("--urls=", StringComparison.Ordinal));
        var gatewayPort = urlsArg is null ? LoopbackPorts.Tcp() : new Uri(urlsArg["--urls=".Length..]).Port;
        // A restart over the same data keeps the range it is given, or the ports would not be the same.
        var rangeArg = extraArgs.FirstOrDefault(a => a.StartsWith(TunnelPortRangeArg, StringComparison.Ordinal));
        // A range that does not parse is passed on as given: the node's own validation is what a test of it wants.
        var tunnelPorts = rangeArg is null ? FindFreeTunnelPorts()
            : TunnelPortRange.TryParse(rangeArg[TunnelPortRangeArg.Length..], out var given) ? given : default;
        string[] args =
        [
            $"--urls=http://127.0.0.1:{gatewayPort}",
            $"--Storage:DataPath={dataPath}",
            $"--V720:HttpPort={httpPort}",
            $"--V720:TcpPort={tcpPort}",
            $"--V720:MqttPort={mqttPort}",
            "--V720:PublicHost=127.0.0.1",
            "--V720:BindAddress=127.0.0.1",
            "--Tunnel:BindAddress=127.0.0.1",
            .. rangeArg is null ? [TunnelPortRangeArg + tunnelPorts] : Array.Empty<string>(),
            "--Logging:LogLevel:Default=Warning",
            // Before the test's own arguments, so a test of authentication can give the node another key.
            TestApiKeys.BootstrapArg,
            .. extraArgs,
        ];
        var app = SiloApplication.Create(args, logs is null ? null : (Action<WebApplicationBuilder>)(builder => builder.Logging.AddProvider(logs)));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new RunningSilo(app, dataPath, httpPort, tcpPort, mqttPort, new Uri($"http://127.0.0.1:{gatewayPort}/"), tunnelPorts);
    }

    /// <summary>The argument that sets the port range; pass it to <see cref="StartOnDataAsync"/> to keep a range across a restart.</summary>
    public const string TunnelPortRangeArg = "--Tunnel:PortRange=";

    /// <summary>Arguments that restart this node's data with the same tunnel ports.</summary>
    public string[] SameTunnelPortsArgs => [TunnelPortRangeArg + TunnelPorts];

    /// <summary>Arguments that restart this node with the same tunnel ports and the same gateway address.</summary>
    public string[] SameAddressesArgs => [TunnelPortRangeArg + TunnelPorts, $"--urls=http://127.0.0.1:{Gateway.Port}"];

    /// <summary>
    /// A random run of <paramref name="count"/> ports that are all free on loopback now, tried again on a conflict.
    /// Drawn below Linux's ephemeral range (32768+), where the kernel hands out the other test ports and outgoing
    /// connections, so a port found free is not taken by a client socket a moment later.
    /// </summary>
    public static TunnelPortRange FindFreeTunnelPorts(int count = 16)
    {
        const int low = 30000, high = 32767;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(low, high - count + 2);
            var range = new TunnelPortRange(first, first + count - 1);
            if (AllFree(range))
            {
                return range;
            }
        }
        throw new InvalidOperationException($"No {count} consecutive free loopback ports found in {low}-{high}.");
    }

    private static bool AllFree(TunnelPortRange range)
    {
        for (var port = range.First; port <= range.Last; port++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Options for a simulated camera pointed at this node.</summary>
    public SimulatedCameraOptions CameraOptions(string? deviceId = null) => new()
    {
        ServerHost = "127.0.0.1",
        HttpPort = HttpPort,
        MqttPort = MqttPort,
        DeviceId = deviceId,
        Seed = 1,
    };

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        if (!KeepData)
        {
            DeleteDataFolder();
        }
    }

    /// <summary>
    /// Removes the data folder. Seen once in a fresh CI run: a file appeared in it while it was being removed, right
    /// after the node stopped; the removal is tried again rather than failing a test that had passed.
    /// </summary>
    private void DeleteDataFolder()
    {
        for (var attempt = 1; Directory.Exists(DataPath); attempt++)
        {
            try
            {
                Directory.Delete(DataPath, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(50 * attempt);
            }
        }
    }
}
