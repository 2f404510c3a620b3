using System.Globalization;
using CameraCloud.Silo.Tests.EndToEnd;

namespace CameraCloud.Silo.Tests.RealPeers;

/// <summary>ffmpeg as the VMS: pulls RTSP over TCP and decodes it, reporting errors and the decoded time.</summary>
internal static class FfmpegRtspPull
{
    public sealed record Result(int ExitCode, string Errors, double DecodedSeconds, int Frames);

    /// <summary>Decodes <paramref name="seconds"/> of video from <paramref name="url"/> with TCP interleaved transport.</summary>
    public static async Task<Result> DecodeAsync(string url, int seconds)
    {
        var (exit, stdout, stderr) = await Ffmpeg.RunAsync("ffmpeg",
            ["-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-timeout", "10000000", "-i", url, "-t", seconds.ToString(CultureInfo.InvariantCulture),
             "-f", "null", "-progress", "pipe:1", "-"],
            TimeSpan.FromSeconds(seconds + 40));
        // -progress prints key=value lines; the last out_time_us and frame are what was decoded.
        double decoded = 0;
        var frames = 0;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith("out_time_us=", StringComparison.Ordinal) && long.TryParse(line[12..], CultureInfo.InvariantCulture, out var us))
            {
                decoded = us / 1e6;
            }
            else if (line.StartsWith("frame=", StringComparison.Ordinal) && int.TryParse(line[6..], CultureInfo.InvariantCulture, out var f))
            {
                frames = f;
            }
        }
        return new Result(exit, stderr.Trim(), decoded, frames);
    }
}
