using System.Globalization;

namespace CameraCloud.Bench;

/// <summary>Reads a Linux process's CPU time and RSS from /proc, as the kernel accounts them.</summary>
public static class ProcessMeter
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/pid/stat; 100 on every Linux this runs on.</summary>
    private const double TicksPerSecond = 100;

    public static ProcessSample Sample(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may contain spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rssKb = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rssKb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                break;
            }
        }
        return new ProcessSample(DateTimeOffset.UtcNow, TimeSpan.FromSeconds((utime + stime) / TicksPerSecond), rssKb * 1024);
    }
}
