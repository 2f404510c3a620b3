using System.Diagnostics;

namespace CameraCloud.Chart.Tests;

/// <summary>
/// Runs Debian's checkers: there is no YAML or JSON-schema package in the NuGet feed, so YAML parsing,
/// schema validation and linting go through /usr/bin/python3 (python3-yaml, python3-jsonschema) and
/// yamllint, which ./test.sh installs.
/// </summary>
internal static class Tools
{
    private const string Python = "/usr/bin/python3";
    private const string YamlLint = "/usr/bin/yamllint";
    private const int MissingModuleExitCode = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string CheckScript => Path.Combine(AppContext.BaseDirectory, "chart_check.py");

    /// <summary>Validates a values file against the chart's schema.</summary>
    public static Task<ToolResult> ValidateAsync(string valuesFile) =>
        RunPythonAsync("validate", ChartFolder.Schema, valuesFile);

    /// <summary>Configuration keys a values file sets through <c>appsettings</c> and <c>extraEnv</c>.</summary>
    public static async Task<IReadOnlyList<string>> ConfigurationKeysAsync(string valuesFile)
    {
        var result = await RunPythonAsync("keys", valuesFile);
        Assert.True(result.ExitCode == 0, $"chart_check.py keys {valuesFile} failed:\n{result.Output}");
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Every value path values.yaml defines, dotted (<c>v720.tcpPort</c>), parents included.</summary>
    public static async Task<IReadOnlySet<string>> ValuePathsAsync(string valuesFile)
    {
        var result = await RunPythonAsync("paths", valuesFile);
        Assert.True(result.ExitCode == 0, $"chart_check.py paths {valuesFile} failed:\n{result.Output}");
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    }

    public static async Task<ToolResult> YamlLintAsync(IEnumerable<string> files)
    {
        Assert.True(File.Exists(YamlLint), $"{YamlLint} is missing: apt-get install -y yamllint (./test.sh installs it)");
        return await RunAsync(YamlLint, ["-f", "parsable", "-c", Path.Combine(ChartFolder.Chart, ".yamllint"), .. files]);
    }

    private static async Task<ToolResult> RunPythonAsync(params string[] args)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: apt-get install -y python3 python3-yaml python3-jsonschema (./test.sh installs them)");
        var result = await RunAsync(Python, [CheckScript, .. args]);
        Assert.True(result.ExitCode != MissingModuleExitCode, result.Output);
        return result;
    }

    private static async Task<ToolResult> RunAsync(string fileName, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} ran longer than {Timeout}");
        }

        return new ToolResult(process.ExitCode, (await stdout) + (await stderr));
    }
}
