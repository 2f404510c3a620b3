namespace CameraCloud.Gateway;

/// <summary>
/// G.711 A-law to linear PCM. The table is computed once from the G.711 expansion rule rather than typed
/// in, so every entry follows from the same few lines that the tests check against reference values.
/// </summary>
public static class ALawDecoder
{
    private static readonly short[] Table = BuildTable();

    /// <summary>The linear 16-bit sample for one A-law code.</summary>
    public static short Decode(byte code) => Table[code];

    /// <summary>Expands A-law codes into signed 16-bit little-endian PCM, two bytes per code.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than twice <paramref name="source"/>.</exception>
    public static void DecodeToPcm16LittleEndian(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < source.Length * 2)
        {
            throw new ArgumentException("The destination needs two bytes per A-law code.", nameof(destination));
        }
        for (var i = 0; i < source.Length; i++)
        {
            var sample = Table[source[i]];
            destination[2 * i] = (byte)sample;
            destination[(2 * i) + 1] = (byte)(sample >> 8);
        }
    }

    private static short[] BuildTable()
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            table[code] = Expand((byte)code);
        }
        return table;
    }

    private static short Expand(byte code)
    {
        // Transmitted codes have every even bit inverted (G.711 §A.2); undo that first.
        var value = code ^ 0x55;
        var segment = (value >> 4) & 0x07;
        // The quantisation step sits in the middle of its interval, hence the +8 (half a step of 16).
        var magnitude = ((value & 0x0F) << 4) + 8;
        if (segment > 0)
        {
            magnitude = (magnitude + 0x100) << (segment - 1);
        }
        // Bit 7 set means a positive sample.
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }
}
