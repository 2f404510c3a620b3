using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class ALawDecoderTests
{
    // Reference values of the G.711 A-law expansion, cross-checked with two independent decoders
    // (ffmpeg's pcm_alaw and CPython's audioop.alaw2lin). Bit 7 of a code set means a positive sample.
    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0x80, 5504)]
    [InlineData(0x00, -5504)]
    [InlineData(0xC0, 344)]
    [InlineData(0x40, -344)]
    [InlineData(0xD4, 24)]
    [InlineData(0xFF, 848)]
    [InlineData(0x7F, -848)]
    [InlineData(0x10, -2752)]
    [InlineData(0x0F, -6784)]
    [InlineData(0x01, -5248)]
    public void Decode_matches_G711_reference_values(int code, int expected)
    {
        Assert.Equal(expected, ALawDecoder.Decode((byte)code));
    }

    [Fact]
    public void Flipping_the_sign_bit_negates_every_sample()
    {
        for (var code = 0; code < 256; code++)
        {
            Assert.Equal(-ALawDecoder.Decode((byte)code), ALawDecoder.Decode((byte)(code ^ 0x80)));
        }
    }

    [Fact]
    public void Positive_codes_grow_strictly_with_their_segment_and_step()
    {
        // With the even-bit inversion undone, codes 0x80..0xFF are the positive levels in increasing order.
        var previous = 0;
        for (var level = 0x80; level <= 0xFF; level++)
        {
            var sample = ALawDecoder.Decode((byte)(level ^ 0x55));
            Assert.True(sample > previous, $"level 0x{level:X2} gave {sample}, not above {previous}");
            previous = sample;
        }
        Assert.Equal(32256, previous);
    }

    [Fact]
    public void DecodeToPcm16LittleEndian_writes_two_bytes_per_code_low_byte_first()
    {
        byte[] source = [0xD5, 0x2A, 0xAA];
        var destination = new byte[6];

        ALawDecoder.DecodeToPcm16LittleEndian(source, destination);

        // 8 = 0x0008, -32256 = 0x8200, 32256 = 0x7E00
        Assert.Equal(new byte[] { 0x08, 0x00, 0x00, 0x82, 0x00, 0x7E }, destination);
    }

    [Fact]
    public void DecodeToPcm16LittleEndian_refuses_a_destination_too_small()
    {
        var destination = new byte[3];

        Assert.Throws<ArgumentException>(() => ALawDecoder.DecodeToPcm16LittleEndian([0xD5, 0xD5], destination));
    }
}
