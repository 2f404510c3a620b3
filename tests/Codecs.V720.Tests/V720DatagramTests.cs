using System.Buffers.Binary;

namespace CameraCloud.Codecs.V720.Tests;

public class V720DatagramTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(19)]
    public void Shorter_than_a_header_is_rejected(int length)
    {
        Assert.False(V720Datagram.TryParse(new byte[length], out _, out var payload));
        Assert.True(payload.IsEmpty);
    }

    [Fact]
    public void Exactly_a_header_is_an_empty_message()
    {
        Assert.True(V720Datagram.TryParse(Captured.Bytes(Captured.Heartbeat), out var header, out var payload));

        Assert.Equal(V720Cmd.Heartbeat, header.Cmd);
        Assert.Equal(0, payload.Length);
    }

    [Theory]
    [InlineData(1u, 0)]
    [InlineData(10u, 9)]
    [InlineData(1004u, 1003)]
    [InlineData(uint.MaxValue, 100)]
    public void Declared_length_past_the_end_is_rejected(uint declared, int actual)
    {
        var datagram = new byte[V720Header.Size + actual];
        BinaryPrimitives.WriteUInt32LittleEndian(datagram, declared);

        Assert.False(V720Datagram.TryParse(datagram, out _, out _));
    }

    [Fact]
    public void A_longer_tail_is_accepted_and_ignored()
    {
        byte[] datagram = [.. V720Writer.JsonToArray("""{"code":20}"""), 0, 0, 0xAA, 0xBB];

        Assert.True(V720Datagram.TryParse(datagram, out var header, out var payload));

        Assert.Equal(11u, header.PayloadLength);
        Assert.Equal("""{"code":20}""", V720Json.Utf8(payload));
    }

    [Fact]
    public void Largest_seen_datagram_of_1024_bytes_parses()
    {
        var datagram = V720Writer.ToArray(V720Cmd.Jpeg, new byte[1004], V720MsgFlag.Middle, 2803);

        Assert.Equal(1024, datagram.Length);
        Assert.True(V720Datagram.TryParse(datagram, out var header, out var payload));
        Assert.Equal(1004, payload.Length);
        Assert.Equal(2803u, header.PkgId);
    }
}
