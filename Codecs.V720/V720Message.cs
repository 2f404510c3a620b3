namespace CameraCloud.Codecs.V720;

/// <summary>One V720 message: header and its own copy of the payload.</summary>
public sealed record V720Message(V720Header Header, ReadOnlyMemory<byte> Payload)
{
    public ushort Cmd => Header.Cmd;
}
