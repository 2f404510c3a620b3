using System.Globalization;
using System.Text.Json;

namespace CameraCloud.Bench.TunnelLoad;

/// <summary>iperf3 (Debian's), the neutral judge of one TCP stream's throughput.</summary>
public static class Iperf3
{
    /// <summary>Starts a server that serves clients until disposed.</summary>
    public static ChildProcess StartServer(int port) =>
        ChildProcess.Start("iperf3", "-s", "-B", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture));

    /// <summary>One stream for <paramref name="seconds"/> to host:port; returns received Gbit/s.</summary>
    public static async Task<double> MeasureAsync(int port, int seconds)
    {
        var json = await ChildProcess.RunAsync("iperf3", TimeSpan.FromSeconds(seconds + 30),
            "-c", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", seconds.ToString(CultureInfo.InvariantCulture), "-J");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble() / 1e9;
    }
}
