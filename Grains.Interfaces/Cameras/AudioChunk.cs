namespace CameraCloud.Cameras;

/// <summary>One audio packet's samples as the camera sent them.</summary>
public sealed record AudioChunk(AudioFormat Format, DateTimeOffset ReceivedAt, ReadOnlyMemory<byte> Data)
{
    public const int SampleRate = 8000;
}
