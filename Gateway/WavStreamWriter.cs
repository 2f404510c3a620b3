using System.Buffers;
using CameraCloud.Cameras;

namespace CameraCloud.Gateway;

/// <summary>
/// Turns a camera's audio chunks into one open-ended WAV stream: signed 16-bit PCM, 8000 Hz, mono.
/// A-law chunks are expanded, PCM chunks pass through, so a listener hears both firmware generations alike.
/// </summary>
public static class WavStreamWriter
{
    public const int Channels = 1;
    public const int BitsPerSample = 16;
    public const string ContentType = "audio/wav";

    /// <summary>Writes the streaming header (sizes unknown, see <see cref="WavHeader"/>).</summary>
    public static void WriteHeader(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(WavHeader.Size);
        WavHeader.Write(span, AudioChunk.SampleRate, Channels, BitsPerSample);
        output.Advance(WavHeader.Size);
    }

    /// <summary>Writes one chunk's samples as PCM16 little-endian; returns the number of bytes written.</summary>
    /// <remarks>
    /// A PCM chunk with an odd byte count loses its last byte: carrying half a sample into the next chunk
    /// would tie this writer to chunk order, and shifting the stream by one byte would turn it into noise.
    /// </remarks>
    public static int WriteChunk(IBufferWriter<byte> output, AudioChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(chunk);
        var data = chunk.Data.Span;
        switch (chunk.Format)
        {
            case AudioFormat.ALaw:
            {
                var length = data.Length * 2;
                ALawDecoder.DecodeToPcm16LittleEndian(data, output.GetSpan(length));
                output.Advance(length);
                return length;
            }
            case AudioFormat.Pcm16:
            {
                var length = data.Length & ~1;
                output.Write(data[..length]);
                return length;
            }
            default:
                // A format added to the contract later must not reach a listener as noise.
                return 0;
        }
    }
}
