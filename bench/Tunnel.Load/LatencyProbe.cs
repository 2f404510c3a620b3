using System.Diagnostics;
using System.Net.Sockets;

namespace CameraCloud.Bench.TunnelLoad;

/// <summary>Round trips of small messages over one connection: the latency an RTSP request/response sees.</summary>
public static class LatencyProbe
{
    public sealed record Result(double P50Microseconds, double P99Microseconds, int RoundTrips);

    public static async Task<Result> MeasureAsync(int port, int roundTrips, int messageBytes, CancellationToken cancellationToken)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        var stream = client.GetStream();
        var message = new byte[messageBytes];
        var echo = new byte[messageBytes];
        var samples = new double[roundTrips];
        // Warm up the path (JIT, windows) before measuring.
        for (var i = -100; i < roundTrips; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await stream.WriteAsync(message, cancellationToken);
            await stream.ReadExactlyAsync(echo, cancellationToken);
            if (i >= 0)
            {
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }
        Array.Sort(samples);
        return new Result(samples[roundTrips / 2], samples[(int)(roundTrips * 0.99)], roundTrips);
    }
}
