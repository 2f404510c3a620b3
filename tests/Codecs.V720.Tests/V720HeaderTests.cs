namespace CameraCloud.Codecs.V720.Tests;

public class V720HeaderTests
{
    public static TheoryData<uint, ushort, byte, byte, ulong, uint> Headers => new()
    {
        { 0u, V720Cmd.Heartbeat, 0, 0, 0UL, 0u },
        { 1004u, V720Cmd.Jpeg, V720MsgFlag.Middle, 0, 0UL, 2803u },
        { 104u, V720Cmd.RetransmissionConfirm, 0, 0, V720Header.AsciiZeroForwardId, 0u },
        { uint.MaxValue, ushort.MaxValue, byte.MaxValue, byte.MaxValue, ulong.MaxValue, uint.MaxValue },
        { 0x01020304u, 0x0506, 0x07, 0x08, 0x090A0B0C0D0E0F10UL, 0x11121314u },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Write_then_Read_gives_the_same_header(uint length, ushort cmd, byte msgFlag, byte dealFlag, ulong forwardId, uint pkgId)
    {
        var header = new V720Header(length, cmd, msgFlag, dealFlag, forwardId, pkgId);
        var bytes = new byte[V720Header.Size];

        header.Write(bytes);

        Assert.Equal(header, V720Header.Read(bytes));
    }

    [Fact]
    public void Layout_is_little_endian_at_the_documented_offsets()
    {
        var bytes = new byte[V720Header.Size];

        new V720Header(0x01020304, 0x0506, 0x07, 0x08, 0x090A0B0C0D0E0F10, 0x11121314).Write(bytes);

        Assert.Equal("04030201" + "0605" + "07" + "08" + "100F0E0D0C0B0A09" + "14131211", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Ascii_zero_forward_id_is_eight_ascii_zeros()
    {
        var bytes = new byte[V720Header.Size];

        new V720Header(0, 0, 0, 0, V720Header.AsciiZeroForwardId, 0).Write(bytes);

        Assert.Equal("00000000", System.Text.Encoding.ASCII.GetString(bytes, 8, 8));
    }

    [Fact]
    public void Heartbeat_reply_written_by_V720Writer_matches_the_reference_bytes()
    {
        var bytes = V720Writer.ToArray(V720Cmd.Heartbeat, []);

        Assert.Equal(Captured.Bytes(Captured.HeartbeatReply), bytes);
    }
}
