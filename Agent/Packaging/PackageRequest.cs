namespace CameraCloud.Agent.Packaging;

/// <summary>The arguments of <c>cameracloud-agent package</c>; without a source directory the checkout is found from the working directory.</summary>
public sealed record PackageRequest(string Profile, string RuntimeIdentifier, string OutputDirectory, string? SourceDirectory)
{
    public const string DefaultRuntimeIdentifier = "linux-x64";
}
