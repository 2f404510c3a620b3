namespace CameraCloud.Chart.Tests;

/// <summary>Paths of the chart in the source tree, found from the test binary by walking up to CameraCloud.sln.</summary>
internal static class ChartFolder
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Chart { get; } = Path.Combine(RepositoryRoot, "charts", "camera-cloud");

    public static string Schema => Path.Combine(Chart, "values.schema.json");

    public static string Values => Path.Combine(Chart, "values.yaml");

    public static string Templates => Path.Combine(Chart, "templates");

    public static IEnumerable<string> Examples =>
        Directory.EnumerateFiles(Path.Combine(Chart, "examples"), "*.yaml").Order(StringComparer.Ordinal);

    /// <summary>values.yaml and every example: each is a values file an operator may pass to helm.</summary>
    public static IEnumerable<string> ValuesFiles => Examples.Prepend(Values);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CameraCloud.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CameraCloud.sln not found above {AppContext.BaseDirectory}");
    }
}
