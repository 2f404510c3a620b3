namespace CameraCloud.V720.Simulator.Viewing;

/// <summary>One part of a multipart/x-mixed-replace response.</summary>
public sealed record MjpegPart(string ContentType, int DeclaredLength, byte[] Body);
