using System.Text;

namespace CameraCloud.Agent.Packaging;

/// <summary>
/// The package's text files. They live in Templates/ as real files (shell scripts a reader can check
/// with <c>sh -n</c>) embedded in the agent; <c>{{NAME}}</c> markers are filled in here, while
/// <c>@PREFIX@</c>/<c>@CONFIG@</c> are left for install.sh, which knows where it installs.
/// </summary>
public static class PackageTemplates
{
    public static string ConfigFile(CameraProfile profile) => Fill("cameracloud-agent.conf", profile, null);

    public static string SystemdUnit() => Load("cameracloud-agent.service");

    public static string InitScript() => Load("cameracloud-agent.init");

    public static string InstallScript() => Load("install.sh");

    public static string UninstallScript() => Load("uninstall.sh");

    public static string Readme(CameraProfile profile, string runtimeIdentifier, string folder) =>
        Fill("README.txt", profile, runtimeIdentifier)
            .Replace("{{FOLDER}}", folder, StringComparison.Ordinal)
            .Replace("{{ARCHIVE}}", folder + ".tar.gz", StringComparison.Ordinal);

    private static string Fill(string name, CameraProfile profile, string? runtimeIdentifier)
    {
        var lines = new StringBuilder();
        var notes = new StringBuilder();
        var summary = new StringBuilder();
        foreach (var target in profile.Targets)
        {
            lines.Append($"target.{target.Name} = 127.0.0.1:{target.Port}\n");
            if (target.Path is not null)
            {
                notes.Append($"# {target.Name}: the camera serves {target.Path} on port {target.Port}.\n");
            }
            summary.Append($"  {target.Name,-6} 127.0.0.1:{target.Port}{(target.Path is null ? "" : "  path " + target.Path)}\n");
        }
        return Load(name)
            .Replace("{{PROFILE}}", profile.Name, StringComparison.Ordinal)
            .Replace("{{DESCRIPTION}}", profile.Description, StringComparison.Ordinal)
            .Replace("{{TARGET_LINES}}", lines.ToString(), StringComparison.Ordinal)
            .Replace("{{TARGET_NOTES}}", notes.ToString(), StringComparison.Ordinal)
            .Replace("{{TARGET_SUMMARY}}", summary.ToString(), StringComparison.Ordinal)
            .Replace("{{RID}}", runtimeIdentifier ?? "", StringComparison.Ordinal)
            .Replace("{{VERSION}}", Connection.AgentVersion.Short, StringComparison.Ordinal);
    }

    private static string Load(string name)
    {
        using var stream = typeof(PackageTemplates).Assembly.GetManifestResourceStream("templates/" + name)
            ?? throw new InvalidOperationException($"template {name} is not embedded in the agent");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
