namespace CameraCloud.Cluster;

/// <summary>The directory's or membership's store (Redis) could not be reached or did not answer in time.</summary>
public sealed class DirectoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
