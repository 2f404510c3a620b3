using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel.Tests.Codec;

public class TunnelFrameHeaderTests
{
    [Theory]
    [InlineData((byte)1, (byte)5, (ushort)0, 1u, 65536u)]
    [InlineData((byte)0, (byte)0, (ushort)0, 0u, 0u)]
    [InlineData((byte)255, (byte)255, ushort.MaxValue, uint.MaxValue, uint.MaxValue)]
    [InlineData((byte)1, (byte)13, (ushort)0x0102, 0x03040506u, 0x0708090Au)]
    public void Write_then_Read_gives_the_same_header(byte version, byte type, ushort flags, uint streamId, uint length)
    {
        var header = new TunnelFrameHeader(version, (TunnelFrameType)type, flags, streamId, length);
        var bytes = new byte[TunnelFrameHeader.Size];

        header.Write(bytes);

        Assert.Equal(header, TunnelFrameHeader.Read(bytes));
    }

    [Fact]
    public void Layout_is_big_endian_at_the_documented_offsets()
    {
        var bytes = new byte[TunnelFrameHeader.Size];

        new TunnelFrameHeader(1, TunnelFrameType.Reset, 0x0203, 0x04050607, 0x08090A0B).Write(bytes);

        Assert.Equal("01" + "08" + "0203" + "04050607" + "08090A0B", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Limits_are_those_of_the_protocol_reference()
    {
        Assert.Equal(12, TunnelFrameHeader.Size);
        Assert.Equal(65536, TunnelLimits.MaxDataPayload);
        Assert.Equal(16384, TunnelLimits.MaxJsonPayload);
        Assert.Equal(4096, TunnelLimits.MaxHelloPayload);
        Assert.Equal(65548, TunnelLimits.MaxMessageSize);
        Assert.Equal(1 << 20, TunnelLimits.DefaultInitialWindow);
        Assert.Equal(16 << 20, TunnelLimits.MaxWindow);
        Assert.Equal(64, TunnelLimits.DefaultMaxStreams);
    }

    [Fact]
    public void Wire_values_of_types_and_codes_are_those_of_the_reference()
    {
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (byte)i), Enum.GetValues<TunnelFrameType>().Select(t => (byte)t));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (ushort)i), Enum.GetValues<TunnelErrorCode>().Select(c => (ushort)c));
        Assert.Equal(0x0D, (byte)TunnelFrameType.GoAway);
        Assert.Equal(12, (ushort)TunnelErrorCode.Cancelled);
    }
}
