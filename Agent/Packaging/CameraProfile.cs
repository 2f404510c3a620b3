namespace CameraCloud.Agent.Packaging;

/// <summary>A camera model the agent can be packaged for: what its config template lists.</summary>
public sealed record CameraProfile(string Name, string Description, IReadOnlyList<ProfileTarget> Targets);
