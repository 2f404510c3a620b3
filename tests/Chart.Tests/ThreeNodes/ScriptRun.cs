using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CameraCloud.TestSupport;

namespace CameraCloud.Chart.Tests.ThreeNodes;

/// <summary>
/// scripts/run-three-nodes.sh as a process, its output kept line by line so that a test can wait for what
/// it says. Disposal makes sure nothing it started outlives the test, whatever the test found.
/// </summary>
internal sealed partial class ScriptRun : IAsyncDisposable
{
    /// <summary>The environment variable the script takes its nodes' bootstrap admin key from.</summary>
    public const string AdminKeyVariable = "CAMERACLOUD_ADMIN_KEY";

    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Seen)> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ScriptRun(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => OnExited();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Script => Path.Combine(ChartFolder.RepositoryRoot, "scripts", "run-three-nodes.sh");

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>What the script said it started: <c>started node-1 pid 1234 (log …)</c>.</summary>
    public IReadOnlyList<(string Name, int Pid)> Started
    {
        get
        {
            lock (_gate)
            {
                return _lines.Select(l => StartedLine().Match(l)).Where(m => m.Success)
                    .Select(m => (m.Groups["name"].Value, int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture)))
                    .ToList();
            }
        }
    }

    public static ScriptRun Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = ChartFolder.RepositoryRoot,
        };
        // The nodes' admin key, set over any the test run inherited, so a test knows the key their API takes.
        start.Environment[AdminKeyVariable] = TestApiKeys.Admin;
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ScriptRun(Process.Start(start) ?? throw new InvalidOperationException("bash did not start"));
    }

    /// <summary>The first line, past or future, that matches; fails at once if the script ends first.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        Task<Match> seen;
        lock (_gate)
        {
            var match = _lines.Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success);
            if (match is not null)
            {
                return match;
            }

            var waiter = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((pattern, waiter));
            seen = waiter.Task;
        }

        try
        {
            return await seen.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the script did not print /{pattern}/ within {timeout}:\n{Output}");
        }
    }

    public void Signal(int signal) => PosixSignals.Send(Pid, signal);

    /// <summary>Waits for the script to end, output included; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the script did not end within {timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        var started = Started.Select(s => ProcessIdentity.Of(s.Pid)).OfType<ProcessIdentity>().ToList();
        if (!_process.HasExited && PosixSignals.TrySend(Pid, PosixSignals.SigTerm))
        {
            try
            {
                await _exited.Task.WaitAsync(DisposeTimeout);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        // A test that failed midway must not leave nodes or a Redis behind for the next one.
        foreach (var leftover in started.Where(p => p.IsRunning))
        {
            PosixSignals.TrySend(leftover.Pid, PosixSignals.SigKill);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_lines.Count < 10_000)
            {
                _lines.Add(line);
            }

            foreach (var waiter in _waiters.Where(w => w.Pattern.IsMatch(line)).ToList())
            {
                waiter.Seen.TrySetResult(waiter.Pattern.Match(line));
                _waiters.Remove(waiter);
            }
        }
    }

    private void OnExited()
    {
        // The exit can overtake the last lines: WaitForExit() also waits for the end of both streams.
        _process.WaitForExit();
        lock (_gate)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Seen.TrySetException(new InvalidOperationException(
                    $"the script ended with {_process.ExitCode} before printing /{waiter.Pattern}/:\n{string.Join('\n', _lines)}"));
            }

            _waiters.Clear();
        }

        _exited.TrySetResult();
    }

    [GeneratedRegex(@"started (?<name>\S+) pid (?<pid>\d+)")]
    private static partial Regex StartedLine();
}
