namespace CameraCloud.Actors;

/// <summary>The stored record changed since it was read (ETag mismatch).</summary>
public sealed class InconsistentStateException(string message) : Exception(message);
