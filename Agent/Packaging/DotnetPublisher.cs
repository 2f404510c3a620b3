using System.Diagnostics;

namespace CameraCloud.Agent.Packaging;

/// <summary>
/// Builds the agent with <c>dotnet publish</c>: self-contained, single file, trimmed, invariant
/// globalization. Build output goes under the work directory (<c>--artifacts-path</c>), so packaging
/// never touches the checkout's bin/ and obj/.
/// </summary>
public sealed class DotnetPublisher(TimeSpan timeout) : IAgentPublisher
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Lines of output kept for the error message; the rest is only scanned.</summary>
    private const int KeptLines = 40;

    public async Task<string> PublishAsync(string projectFile, string runtimeIdentifier, string workDirectory, CancellationToken ct)
    {
        var output = Path.Combine(workDirectory, "publish");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
        [
            "publish", projectFile, "-c", "Release", "-r", runtimeIdentifier, "--self-contained", "true",
            "-p:PublishSingleFile=true", "-p:PublishTrimmed=true", "-p:InvariantGlobalization=true", "-p:DebugType=none",
            "--artifacts-path", Path.Combine(workDirectory, "artifacts"), "-o", output, "-nologo",
        ])
        {
            start.ArgumentList.Add(argument);
        }
        // A test host or an outer build passes MSBuild settings down that would steer this build elsewhere.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var scan = new PublishOutputScanner(runtimeIdentifier, KeptLines);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => scan.Add(e.Data);
        process.ErrorDataReceived += (_, e) => scan.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested)
            {
                throw;
            }
            throw new PublishException($"dotnet publish did not finish within {timeout.TotalMinutes:0} minutes", missingRuntimePack: false);
        }
        // The exit event can precede the last output lines; this overload waits for them.
        process.WaitForExit();

        if (scan.MissingPack is { } pack)
        {
            throw new PublishException(
                $"the NuGet feed has no runtime pack for {runtimeIdentifier} ({pack}); only runtime identifiers whose "
                + "runtime pack the feed has can be packaged here (linux-x64 and linux-arm64 are verified)", missingRuntimePack: true);
        }
        if (process.ExitCode != 0)
        {
            throw new PublishException($"dotnet publish failed with exit code {process.ExitCode}:\n{scan.Tail()}", missingRuntimePack: false);
        }
        var binary = Path.Combine(output, PackageBuilder.BinaryName);
        return File.Exists(binary)
            ? binary
            : throw new PublishException($"dotnet publish succeeded but left no {binary}", missingRuntimePack: false);
    }

    // `dotnet run` and test hosts set DOTNET_HOST_PATH to the dotnet that runs them; elsewhere PATH has it.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
