using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CameraCloud.Chart.Tests.ThreeNodes;

/// <summary>A throw-away <c>redis-server</c> on a free loopback port, nothing saved, killed on disposal.</summary>
internal sealed class ScratchRedis : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    private readonly Process _process;

    private ScratchRedis(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string EndPoint => $"127.0.0.1:{Port}";

    public static async Task<ScratchRedis> StartAsync()
    {
        var port = FreePorts.Take(1)[0];
        var start = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server (./test.sh does)", ex);
        }

        // Drained so that a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new ScratchRedis(process, port);
        try
        {
            await redis.WaitUntilItAnswersAsync();
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether the server answers PING now.</summary>
    public async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(PingTimeout);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), timeout.Token);
            await socket.SendAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var reply = new byte[7];
            var read = await socket.ReceiveAsync(reply, timeout.Token);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        }

        _process.Dispose();
    }

    // Another process's readiness gives no signal to await: PING, bounded.
    private async Task WaitUntilItAnswersAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {Port} exited with {_process.ExitCode}");
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
