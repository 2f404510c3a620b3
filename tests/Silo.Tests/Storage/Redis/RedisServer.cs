using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.Storage.Redis;

/// <summary>
/// A real, throw-away <c>redis-server</c> on a free loopback port, nothing persisted; killed on disposal.
/// It is ready when it answers PING; it can be stopped and started again on the same port.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private Process? _process;

    private RedisServer(int port, string? dataDirectory)
    {
        Port = port;
        DataDirectory = dataDirectory;
    }

    /// <summary>Where a persistent server keeps its append-only file; null when nothing is persisted.</summary>
    public string? DataDirectory { get; }

    public int Port { get; }

    public string EndPoint => $"127.0.0.1:{Port}";

    public string ConnectionString => $"{EndPoint},abortConnect=false";

    /// <param name="persistent">
    /// Keep every write in an append-only file synced at once, so a server killed and started again comes back
    /// with its data, as a production Redis with AOF does.
    /// </param>
    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        string? directory = null;
        if (persistent)
        {
            directory = Path.Combine(Path.GetTempPath(), "cameracloud-redis-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
        }
        var server = new RedisServer(LoopbackPorts.Tcp(), directory);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and returns once it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The server is running.");
        }

        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = DataDirectory is null
            ? ["--appendonly", "no"]
            : ["--dir", DataDirectory, "--appendonly", "yes", "--appendfsync", "always"];
        string[] arguments = ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", .. persistence];
        foreach (string arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        try
        {
            _process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                "redis-server is not installed; install it (Debian: apt-get install -y redis-server; ./test.sh does) to run the Redis storage tests.", ex);
        }

        _process.OutputDataReceived += (_, e) => Append(output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPongAsync(output);
    }

    /// <summary>Kills the server and waits until it is gone, so the port is free and clients see the connection drop.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        using Process process = _process;
        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().WaitAsync(StartTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (DataDirectory is not null && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Sends one command over a fresh connection and returns the reply flattened to text: a status, number
    /// or bulk string as itself (nil as "(nil)"), an error with its "-", an array as its items on lines.
    /// For planting and inspecting keys without the client under test.
    /// </summary>
    public async Task<string> CommandAsync(params string[] parts)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), timeout.Token);
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Resp(parts), timeout.Token);
        return await ReadReplyAsync(stream, timeout.Token);
    }

    private static byte[] Resp(string[] parts)
    {
        var command = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (string part in parts)
        {
            command.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(command.ToString());
    }

    private static async Task<string> ReadReplyAsync(Stream stream, CancellationToken ct)
    {
        string line = await ReadLineAsync(stream, ct);
        switch (line[0])
        {
            case '$':
                int length = int.Parse(line.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return "(nil)";
                }

                byte[] bulk = new byte[length + 2];
                await stream.ReadExactlyAsync(bulk, ct);
                return Encoding.UTF8.GetString(bulk, 0, length);
            case '*':
                int count = int.Parse(line.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                var items = new List<string>();
                for (int i = 0; i < count; i++)
                {
                    items.Add(await ReadReplyAsync(stream, ct));
                }

                return string.Join('\n', items);
            case '-':
                return line;
            default:
                return line[1..];
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken ct)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, ct) == 1 && one[0] != '\n')
        {
            line.Add(one[0]);
        }

        return line.Count == 0 ? throw new IOException("redis-server closed the connection without a reply.")
            : Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r');
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    // Another process's readiness has no signal we can await: poll PING, bounded, and fail with its output.
    private async Task WaitForPongAsync(StringBuilder output)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {Port} exited with {_process.ExitCode}:\n{Snapshot(output)}");
            }

            try
            {
                if (await CommandAsync("PING") == "PONG")
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout}:\n{Snapshot(output)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
