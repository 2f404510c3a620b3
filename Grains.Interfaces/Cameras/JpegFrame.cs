namespace CameraCloud.Cameras;

/// <summary>A complete JPEG (FFD8…FFD9) from a camera, numbered per camera from 1.</summary>
public sealed record JpegFrame(long Sequence, DateTimeOffset ReceivedAt, ReadOnlyMemory<byte> Data);
