using System.Globalization;

namespace CameraCloud.Bench;

/// <summary>
/// Reads the machine's busy CPU time from /proc/stat: beside a run's own processes it shows how much else ran on
/// the machine meanwhile, which a shared machine needs said next to every figure.
/// </summary>
public static class MachineMeter
{
    /// <summary>USER_HZ, the unit of /proc/stat as of /proc/pid/stat.</summary>
    private const double TicksPerSecond = 100;

    public static MachineSample Sample()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest time is already in user.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => i < fields.Length ? long.Parse(fields[i], CultureInfo.InvariantCulture) : 0;
        var busy = Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
        return new MachineSample(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(busy / TicksPerSecond));
    }
}
