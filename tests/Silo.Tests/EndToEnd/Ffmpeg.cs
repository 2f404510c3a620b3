using System.Diagnostics;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>Runs Debian's ffmpeg/ffprobe, the third-party decoder that judges our JPEGs and WAV streams.</summary>
internal static class Ffmpeg
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is not installed; run ./test.sh (it installs ffmpeg) or apt-get install ffmpeg.", ex);
        }
        using (process)
        using (var cts = new CancellationTokenSource(timeout))
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>Decodes a file of concatenated JPEGs; returns the number of frames ffprobe counted and ffmpeg's errors.</summary>
    public static async Task<(int Frames, string Errors)> DecodeMjpegAsync(string path)
    {
        var decode = await RunAsync("ffmpeg", ["-v", "error", "-f", "mjpeg", "-i", path, "-f", "null", "-"], TimeSpan.FromSeconds(60));
        var probe = await RunAsync("ffprobe", ["-v", "error", "-f", "mjpeg", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames,width,height", "-of", "default=nw=1", path], TimeSpan.FromSeconds(60));
        var frames = probe.StdOut.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("nb_read_frames=", StringComparison.Ordinal));
        return (frames is null ? -1 : int.Parse(frames["nb_read_frames=".Length..], System.Globalization.CultureInfo.InvariantCulture),
            (decode.StdErr + probe.StdErr).Trim() + (decode.ExitCode != 0 ? $" (ffmpeg exit {decode.ExitCode})" : ""));
    }
}
