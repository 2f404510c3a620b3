using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Bench;

/// <summary>
/// A silo started as its own process, so its CPU and memory are measured apart from the load generator. It starts
/// with a bootstrap admin API key (<see cref="AdminKey"/>): every <c>/api/*</c> call needs it, see <see cref="Authorize"/>.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, string address, string dataPath, int httpPort, int tcpPort, int mqttPort, Uri gateway, string adminKey)
    {
        _process = process;
        AdminKey = adminKey;
        Address = address;
        DataPath = dataPath;
        HttpPort = httpPort;
        TcpPort = tcpPort;
        MqttPort = mqttPort;
        Gateway = gateway;
    }

    public int Pid => _process.Id;
    public string Address { get; }
    public string DataPath { get; }
    public int HttpPort { get; }
    public int TcpPort { get; }
    public int MqttPort { get; }
    public Uri Gateway { get; }

    /// <summary>The node's bootstrap admin API key, sent as <c>Authorization: Bearer</c> on <c>/api/*</c> calls.</summary>
    public string AdminKey { get; }

    /// <summary>A random admin key for one run: 64 hex characters from the system's cryptographic generator.</summary>
    public static string NewAdminKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Makes every request of <paramref name="client"/> call the API as this node's admin.</summary>
    public void Authorize(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public static Task<SiloProcess> StartAsync(string siloDll, CancellationToken cancellationToken, params string[] extraArgs) =>
        StartAsync(siloDll, new SiloProcessOptions { ExtraArgs = _ => extraArgs }, cancellationToken);

    public static async Task<SiloProcess> StartAsync(string siloDll, SiloProcessOptions options, CancellationToken cancellationToken)
    {
        var address = options.Address;
        var dataPath = Path.Combine(Path.GetTempPath(), "cameracloud-bench-" + Guid.NewGuid().ToString("N"));
        var (httpPort, tcpPort, mqttPort, gatewayPort) = (LoopbackPorts.Tcp(), LoopbackPorts.TcpAndUdp(), LoopbackPorts.Tcp(), LoopbackPorts.Tcp());
        var gateway = new Uri($"http://{address}:{gatewayPort}/");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // In the environment, not on the command line, where any local user's process list would show it.
        var adminKey = options.AdminKey ?? NewAdminKey();
        info.Environment["Auth__BootstrapAdminKey"] = adminKey;
        string[] arguments =
        [
            siloDll, $"--urls=http://{address}:{gatewayPort}", $"--Storage:DataPath={dataPath}",
            $"--V720:HttpPort={httpPort}", $"--V720:TcpPort={tcpPort}", $"--V720:MqttPort={mqttPort}",
            $"--V720:PublicHost={address}", $"--V720:BindAddress={address}", "--Logging:LogLevel:Default=Warning",
            .. options.ExtraArgs(gateway),
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var prefix = $"[{options.Name}] ";
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(prefix + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(prefix + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the silo exited with code {process.ExitCode} before it was ready");
            }
            try
            {
                using var ready = await client.GetAsync("health/ready", deadline.Token);
                if (ready.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            // Readiness of another process has no signal but its endpoint: poll it.
            await Task.Delay(200, deadline.Token);
        }
        return new SiloProcess(process, address, dataPath, httpPort, tcpPort, mqttPort, gateway, adminKey);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
