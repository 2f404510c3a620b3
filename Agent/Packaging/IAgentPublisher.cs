namespace CameraCloud.Agent.Packaging;

/// <summary>Produces the agent binary for a runtime identifier (<c>dotnet publish</c>; a fake in tests).</summary>
public interface IAgentPublisher
{
    /// <summary>Returns the path of the self-contained binary; throws <see cref="PublishException"/> when it cannot be built.</summary>
    Task<string> PublishAsync(string projectFile, string runtimeIdentifier, string workDirectory, CancellationToken ct);
}
