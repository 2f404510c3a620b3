using CameraCloud.Agent.Connection;

namespace CameraCloud.Agent.Packaging;

/// <summary>
/// <c>cameracloud-agent package --profile p [--rid r] [--output dir] [--source dir]</c>: publishes the
/// agent for the RID and writes the camera package. Runs from a source checkout.
/// </summary>
public sealed class PackageCommand(IAgentPublisher publisher, TextWriter output, TextWriter error, TimeProvider time)
{
    /// <summary>Returns the process exit code: 0, or <see cref="AgentExitCodes.Usage"/> for what cannot be done here.</summary>
    public async Task<int> RunAsync(PackageRequest request, string workingDirectory, string programDirectory, CancellationToken ct)
    {
        var profile = CameraProfiles.Find(request.Profile);
        if (profile is null)
        {
            return Fail($"unknown profile '{request.Profile}'; known: {string.Join(", ", CameraProfiles.All.Select(p => p.Name))}", AgentExitCodes.Usage);
        }
        var rid = request.RuntimeIdentifier;
        if (!rid.StartsWith("linux-", StringComparison.Ordinal) || rid.Length > 40 || !rid.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return Fail($"runtime identifier '{rid}' is not a Linux one (linux-x64, linux-arm64, linux-arm, linux-musl-x64, …)", AgentExitCodes.Usage);
        }
        var project = SourceCheckout.FindProject(request.SourceDirectory, workingDirectory, programDirectory);
        if (project is null)
        {
            return Fail($"{SourceCheckout.ProjectRelativePath} not found: run package from a source checkout or pass --source <checkout>", AgentExitCodes.Usage);
        }

        var work = Directory.CreateTempSubdirectory("cameracloud-agent-package-");
        try
        {
            output.WriteLine($"publishing {project} for {rid} (self-contained, single file, trimmed)…");
            string binary;
            try
            {
                binary = await publisher.PublishAsync(project, rid, work.FullName, ct);
            }
            catch (PublishException e)
            {
                return Fail(e.Message, e.MissingRuntimePack ? AgentExitCodes.Usage : AgentExitCodes.Failure);
            }
            var archive = await PackageBuilder.WriteAsync(profile, rid, binary, Path.GetFullPath(request.OutputDirectory), time.GetUtcNow(), ct);
            output.WriteLine($"wrote {archive} ({new FileInfo(archive).Length / 1024} KiB)");
            return AgentExitCodes.Ok;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private int Fail(string message, int code)
    {
        error.WriteLine($"cameracloud-agent package: {message}");
        return code;
    }
}
