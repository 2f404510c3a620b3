using System.Text;

namespace CameraCloud.Chart.Tests.ThreeNodes;

/// <summary>A folder for one test's logs, deleted after it; its files' last lines go into failure messages.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    private const int LinesPerFile = 30;

    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"camera-cloud-three-nodes-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The last lines of every log in the folder.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(Path, "*.log").Order(StringComparer.Ordinal))
        {
            text.AppendLine($"--- {System.IO.Path.GetFileName(file)}");
            foreach (var line in File.ReadLines(file).TakeLast(LinesPerFile))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
