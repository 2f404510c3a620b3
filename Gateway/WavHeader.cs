using System.Buffers.Binary;

namespace CameraCloud.Gateway;

/// <summary>
/// The 44-byte canonical RIFF/WAVE header for linear PCM.
/// </summary>
/// <remarks>
/// Layout (little-endian): "RIFF" u32 riffSize "WAVE" | "fmt " u32 16 u16 format=1 u16 channels u32 sampleRate
/// u32 byteRate u16 blockAlign u16 bitsPerSample | "data" u32 dataSize.
/// A live stream has no end, so <see cref="UnknownLength"/> (0xFFFFFFFF) fills both size fields: it is the
/// value streaming WAV writers use and players (ffmpeg, browsers, VLC) read it as "play until the connection
/// closes". A size of 0 would make strict readers see an empty file and stop at once.
/// </remarks>
public static class WavHeader
{
    public const int Size = 44;

    /// <summary>Size value meaning "unknown, read to the end of the stream".</summary>
    public const uint UnknownLength = 0xFFFFFFFF;

    private const ushort PcmFormat = 1;

    /// <summary>
    /// Writes the header into the first <see cref="Size"/> bytes of the destination. <c>dataLength</c> is the
    /// number of sample bytes that follow, or <see cref="UnknownLength"/> for a stream.
    /// </summary>
    public static void Write(Span<byte> destination, int sampleRate, int channels, int bitsPerSample, uint dataLength = UnknownLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, ushort.MaxValue);
        if (bitsPerSample is not (8 or 16 or 24 or 32))
        {
            throw new ArgumentOutOfRangeException(nameof(bitsPerSample), bitsPerSample, "PCM samples are 8, 16, 24 or 32 bits.");
        }

        var blockAlign = channels * bitsPerSample / 8;
        var byteRate = (long)sampleRate * blockAlign;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(byteRate, uint.MaxValue, nameof(sampleRate));
        // The RIFF size counts everything after its own field: 36 header bytes plus the data.
        var riffSize = dataLength > UnknownLength - 36 ? UnknownLength : dataLength + 36;

        "RIFF"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], riffSize);
        "WAVE"u8.CopyTo(destination[8..]);
        "fmt "u8.CopyTo(destination[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], PcmFormat);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], (uint)byteRate);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], (ushort)bitsPerSample);
        "data"u8.CopyTo(destination[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], dataLength);
    }
}
