namespace CameraCloud.Agent.Tests;

/// <summary>The source checkout these tests run from (packaging needs Agent/).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Agent", "CameraCloud.Agent.csproj")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no checkout with Agent/CameraCloud.Agent.csproj above {AppContext.BaseDirectory}");
    }
}
