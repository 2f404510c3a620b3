using System.Diagnostics;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.RealPeers;

/// <summary>
/// GStreamer's RTSP server playing an IP camera (tests/RtspCamera/rtsp-camera.py): live H.264 at
/// <c>/cam/realmonitor</c> on a loopback port. Started per test, ready when it says so, killed after.
/// </summary>
public sealed class RtspCameraProcess : IAsyncDisposable
{
    /// <summary>Debian's interpreter: the one that can import gi (another python3 may be first on PATH).</summary>
    private const string Python = "/usr/bin/python3";

    private readonly Process _process;

    private RtspCameraProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public const string Path = "/cam/realmonitor?channel=1&subtype=0";

    public static async Task<RtspCameraProcess> StartAsync(CancellationToken cancellationToken, bool shared = false, bool noise = false)
    {
        var script = System.IO.Path.Combine(AppContext.BaseDirectory, "RtspCamera", "rtsp-camera.py");
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: run ./test.sh, which installs python3-gi and GStreamer's RTSP server.");
        }
        var port = LoopbackPorts.Tcp();
        var info = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (shared)
        {
            info.ArgumentList.Add("--shared");
        }
        if (noise)
        {
            info.ArgumentList.Add("--noise");
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("python did not start");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken);
        if (line != $"READY {port}")
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                $"the RTSP camera did not start ({line}): {await stderr} — run ./test.sh, which installs gir1.2-gst-rtsp-server-1.0 and the GStreamer plugins.");
        }
        return new RtspCameraProcess(process, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
