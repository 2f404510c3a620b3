namespace CameraCloud.Agent.Packaging;

/// <summary>Finds the agent's project in a source checkout: packaging runs <c>dotnet publish</c> on it.</summary>
public static class SourceCheckout
{
    public const string ProjectRelativePath = "Agent/CameraCloud.Agent.csproj";

    /// <summary>
    /// The project file under <paramref name="explicitRoot"/>, or under the nearest parent of the working
    /// directory or of the running program that has it (<c>dotnet run --project Agent -- package …</c> works from anywhere in the checkout).
    /// </summary>
    public static string? FindProject(string? explicitRoot, string workingDirectory, string programDirectory)
    {
        if (explicitRoot is not null)
        {
            var candidate = Path.GetFullPath(Path.Combine(explicitRoot, ProjectRelativePath));
            return File.Exists(candidate) ? candidate : null;
        }
        return Search(workingDirectory) ?? Search(programDirectory);
    }

    private static string? Search(string start)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ProjectRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
