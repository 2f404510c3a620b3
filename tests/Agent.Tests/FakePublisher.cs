using CameraCloud.Agent.Packaging;

namespace CameraCloud.Agent.Tests;

/// <summary>Stands in for dotnet publish: writes a small fake binary, or fails as told.</summary>
internal sealed class FakePublisher(PublishException? failure = null) : IAgentPublisher
{
    public static readonly byte[] Binary = "\u007fELF fake agent binary"u8.ToArray();

    public List<(string Project, string Rid)> Calls { get; } = [];

    public async Task<string> PublishAsync(string projectFile, string runtimeIdentifier, string workDirectory, CancellationToken ct)
    {
        Calls.Add((projectFile, runtimeIdentifier));
        if (failure is not null)
        {
            throw failure;
        }
        var path = Path.Combine(workDirectory, "publish", PackageBuilder.BinaryName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Binary, ct);
        return path;
    }
}
