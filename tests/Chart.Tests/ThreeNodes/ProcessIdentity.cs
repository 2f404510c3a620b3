using System.Globalization;

namespace CameraCloud.Chart.Tests.ThreeNodes;

/// <summary>
/// A process as /proc shows it: its pid and its start time, so that a pid the kernel reuses later is not
/// taken for the process that had it.
/// </summary>
internal readonly record struct ProcessIdentity(int Pid, ulong StartTicks, string CommandLine)
{
    /// <summary>The process now holding <paramref name="pid"/>, or null when there is none.</summary>
    public static ProcessIdentity? Of(int pid) =>
        Read(pid) is { } stat ? new ProcessIdentity(pid, stat.StartTicks, CommandLineOf(pid)) : null;

    /// <summary>Every process whose parent chain leads to <paramref name="pid"/>, at this moment.</summary>
    public static IReadOnlyList<ProcessIdentity> DescendantsOf(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && Read(candidate) is { } stat)
            {
                if (!children.TryGetValue(stat.ParentPid, out var list))
                {
                    children[stat.ParentPid] = list = [];
                }

                list.Add(candidate);
            }
        }

        var found = new List<ProcessIdentity>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in children.GetValueOrDefault(parent) ?? [])
            {
                if (Of(child) is { } identity)
                {
                    found.Add(identity);
                    pending.Enqueue(child);
                }
            }
        }

        return found;
    }

    /// <summary>Still running: the same process (same start time) and not a zombie, which has exited.</summary>
    public bool IsRunning => Read(Pid) is { } stat && stat.StartTicks == StartTicks && stat.State != 'Z';

    public override string ToString() => $"{Pid} ({CommandLine})";

    private static (char State, int ParentPid, ulong StartTicks)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ... starttime ...": comm may hold spaces and parentheses, so fields are
        // counted from the last ')'. starttime is field 22 of the whole line, 20th after comm.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture), ulong.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
