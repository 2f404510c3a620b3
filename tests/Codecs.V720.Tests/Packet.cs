namespace CameraCloud.Codecs.V720.Tests;

/// <summary>One UDP media packet for the reassembler tests.</summary>
internal sealed record Packet(V720Header Header, byte[] Payload)
{
    public static Packet Video(byte flag, uint pkgId, byte[] payload) =>
        new(new V720Header((uint)payload.Length, V720Cmd.Jpeg, flag, 0, 0, pkgId), payload);

    public static Packet Audio(ushort cmd, uint pkgId, int length = 320) =>
        new(new V720Header((uint)length, cmd, V720MsgFlag.Whole, 0, 0, pkgId), new byte[length]);

    public uint PkgId => Header.PkgId;

    public override string ToString() => $"cmd {Header.Cmd} flag {Header.MsgFlag} pkg {Header.PkgId} len {Payload.Length}";
}
