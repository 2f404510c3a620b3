namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>What a counter grain's state handle says right now.</summary>
public sealed record CounterSnapshot(int Count, string? Etag, bool RecordExists, int Instance);
