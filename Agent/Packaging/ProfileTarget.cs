namespace CameraCloud.Agent.Packaging;

/// <summary>A service a camera model offers, as its package's config template lists it, with the URL path a viewer asks for (RTSP) when it has one worth naming.</summary>
public sealed record ProfileTarget(string Name, int Port, string? Path = null);
