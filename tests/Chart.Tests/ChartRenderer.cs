using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CameraCloud.Chart.Tests;

/// <summary>
/// Renders the chart like <c>helm template</c> with render/main.go: Go's text/template and the sprig
/// functions helm is built on, from Debian's golang-go and golang-github-masterminds-sprig-dev (no helm
/// binary can be installed here). Built once per test run into the output folder.
/// </summary>
internal static class ChartRenderer
{
    private const string Go = "/usr/bin/go";
    private const string Install = "apt-get install -y golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v3-dev (./test.sh does)";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    /// <summary>Renders with values.yaml plus <paramref name="valuesFiles"/> in order; fails the test when rendering fails.</summary>
    public static async Task<RenderedChart> RenderAsync(params string[] valuesFiles)
    {
        var result = await TryRenderAsync(valuesFiles);
        Assert.True(result.ExitCode == 0, $"the chart does not render with {string.Join(", ", valuesFiles.Select(Path.GetFileName))}:\n{result.Output}");
        return new RenderedChart(JsonNode.Parse(result.Output)!.AsObject());
    }

    /// <summary>Renders and returns how it ended, for the cases the templates must refuse.</summary>
    public static async Task<ToolResult> TryRenderAsync(params string[] valuesFiles)
    {
        var binary = await Binary.Value;
        return await RunAsync(binary, [ChartFolder.Chart, .. valuesFiles], new Dictionary<string, string>(), RenderTimeout);
    }

    private static async Task<string> BuildAsync()
    {
        Assert.True(File.Exists(Go), $"{Go} is missing: {Install}");
        var output = Path.Combine(AppContext.BaseDirectory, "chart-render");
        // GOPATH mode over Debian's Go library packages: no module download is possible or wanted.
        var result = await RunAsync(
            Go,
            ["build", "-o", output, "."],
            new Dictionary<string, string>
            {
                ["GOPATH"] = "/usr/share/gocode",
                ["GO111MODULE"] = "off",
                ["GOFLAGS"] = "",
                // Go's build cache is safe to share between runs and processes.
                ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "cameracloud-chart-tests-go-cache"),
            },
            BuildTimeout,
            Path.Combine(AppContext.BaseDirectory, "render"));
        Assert.True(result.ExitCode == 0, $"building render/main.go failed ({Install}):\n{result.Output}");
        return output;
    }

    private static async Task<ToolResult> RunAsync(
        string fileName, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        using var cancel = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} ran longer than {timeout}");
        }

        var output = await stdout;
        var errors = await stderr;
        return new ToolResult(process.ExitCode, process.ExitCode == 0 ? output : errors + output);
    }
}
