using System.Buffers.Binary;
using System.Text;
using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class WavHeaderTests
{
    [Fact]
    public void Streaming_header_for_8kHz_mono_PCM16_has_the_canonical_bytes()
    {
        var header = new byte[WavHeader.Size];

        WavHeader.Write(header, sampleRate: 8000, channels: 1, bitsPerSample: 16);

        byte[] expected =
        [
            .. "RIFF"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVE"u8,
            .. "fmt "u8, 16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0,
            .. "data"u8, 0xFF, 0xFF, 0xFF, 0xFF,
        ];
        Assert.Equal(expected, header);
    }

    [Fact]
    public void Fields_are_at_their_offsets()
    {
        var header = new byte[WavHeader.Size];

        WavHeader.Write(header, sampleRate: 8000, channels: 1, bitsPerSample: 16);

        Assert.Equal("RIFF", Encoding.ASCII.GetString(header, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(header, 8, 4));
        Assert.Equal("fmt ", Encoding.ASCII.GetString(header, 12, 4));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(20)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(22)));
        Assert.Equal(8000u, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(24)));
        Assert.Equal(16000u, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(28)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(34)));
        Assert.Equal("data", Encoding.ASCII.GetString(header, 36, 4));
        Assert.Equal(WavHeader.UnknownLength, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)));
        Assert.Equal(WavHeader.UnknownLength, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(40)));
    }

    [Fact]
    public void Known_length_sets_data_size_and_riff_size_plus_36()
    {
        var header = new byte[WavHeader.Size];

        WavHeader.Write(header, sampleRate: 44100, channels: 2, bitsPerSample: 16, dataLength: 1000);

        Assert.Equal(1036u, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)));
        Assert.Equal(1000u, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(40)));
        Assert.Equal(44100u * 4, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(28)));
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32)));
    }

    [Fact]
    public void A_data_length_near_the_limit_keeps_the_riff_size_at_unknown_instead_of_overflowing()
    {
        var header = new byte[WavHeader.Size];

        WavHeader.Write(header, 8000, 1, 16, dataLength: uint.MaxValue - 10);

        Assert.Equal(WavHeader.UnknownLength, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)));
    }

    [Fact]
    public void Refuses_a_short_destination_and_impossible_formats()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WavHeader.Write(new byte[43], 8000, 1, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavHeader.Write(new byte[44], 0, 1, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavHeader.Write(new byte[44], 8000, 0, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavHeader.Write(new byte[44], 8000, 1, 12));
    }
}
