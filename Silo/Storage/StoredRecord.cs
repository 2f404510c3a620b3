namespace CameraCloud.Silo.Storage;

/// <summary>One stored state record: the serialised state and its version.</summary>
public sealed record StoredRecord(ReadOnlyMemory<byte> Data, string Etag);
