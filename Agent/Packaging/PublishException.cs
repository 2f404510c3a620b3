namespace CameraCloud.Agent.Packaging;

/// <summary>The binary could not be built; the message says why in a line an operator can act on.</summary>
public sealed class PublishException(string message, bool missingRuntimePack) : Exception(message)
{
    /// <summary>The NuGet feed lacks the runtime pack for the RID: nothing here can fix it.</summary>
    public bool MissingRuntimePack { get; } = missingRuntimePack;
}
