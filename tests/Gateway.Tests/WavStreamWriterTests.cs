using System.Buffers;
using CameraCloud.Cameras;
using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class WavStreamWriterTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Header_is_the_streaming_header_for_8kHz_mono_PCM16()
    {
        var output = new ArrayBufferWriter<byte>();
        var expected = new byte[WavHeader.Size];
        WavHeader.Write(expected, 8000, 1, 16);

        WavStreamWriter.WriteHeader(output);

        Assert.Equal(expected, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void ALaw_chunks_are_expanded_to_PCM16_little_endian()
    {
        var output = new ArrayBufferWriter<byte>();

        var written = WavStreamWriter.WriteChunk(output, new AudioChunk(AudioFormat.ALaw, At, new byte[] { 0xD5, 0x55, 0xAA }));

        Assert.Equal(6, written);
        Assert.Equal(new byte[] { 0x08, 0x00, 0xF8, 0xFF, 0x00, 0x7E }, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Pcm16_chunks_pass_through_unchanged()
    {
        var output = new ArrayBufferWriter<byte>();
        byte[] pcm = [0x01, 0x02, 0x03, 0x04];

        var written = WavStreamWriter.WriteChunk(output, new AudioChunk(AudioFormat.Pcm16, At, pcm));

        Assert.Equal(4, written);
        Assert.Equal(pcm, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_Pcm16_chunk_with_an_odd_length_loses_its_half_sample_so_the_stream_stays_aligned()
    {
        var output = new ArrayBufferWriter<byte>();

        WavStreamWriter.WriteChunk(output, new AudioChunk(AudioFormat.Pcm16, At, new byte[] { 1, 2, 3 }));
        WavStreamWriter.WriteChunk(output, new AudioChunk(AudioFormat.Pcm16, At, new byte[] { 4, 5 }));

        Assert.Equal(new byte[] { 1, 2, 4, 5 }, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void An_unknown_format_writes_nothing()
    {
        var output = new ArrayBufferWriter<byte>();

        var written = WavStreamWriter.WriteChunk(output, new AudioChunk((AudioFormat)99, At, new byte[] { 1, 2 }));

        Assert.Equal(0, written);
        Assert.Equal(0, output.WrittenCount);
    }
}
