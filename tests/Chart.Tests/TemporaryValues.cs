namespace CameraCloud.Chart.Tests;

/// <summary>A values file written for one test and deleted after it.</summary>
internal sealed class TemporaryValues : IDisposable
{
    public TemporaryValues(string yaml)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"camera-cloud-values-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(Path, yaml);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
