namespace CameraCloud.V720.Simulator;

/// <summary>
/// 50 ms of a 1 kHz tone, 8000 Hz mono, as the camera's audio packets carry it (spec §6.2): G.711 A-law for
/// cmd 4 (400 bytes), signed 16-bit little-endian PCM for cmd 6 (800 bytes). 1 kHz is a whole number of
/// periods in 50 ms, so one packet repeated is a continuous tone; computed once and shared.
/// </summary>
public static class SimulatedAudio
{
    public const int SampleRate = 8000;
    public const int SamplesPerPacket = SampleRate / 20;
    public static readonly TimeSpan PacketDuration = TimeSpan.FromMilliseconds(50);

    private const double ToneHz = 1000;
    private const double Amplitude = 8000;

    public static ReadOnlyMemory<byte> ALawPacket { get; } = BuildALaw();

    public static ReadOnlyMemory<byte> PcmPacket { get; } = BuildPcm();

    /// <summary>
    /// G.711 A-law of one 16-bit sample: sign (set for non-negative), 3-bit segment, 4-bit mantissa of the
    /// 12-bit magnitude, with the even bits inverted (XOR 0x55) as the standard transmits them.
    /// </summary>
    public static byte EncodeALaw(short sample)
    {
        // One's complement for negatives keeps -32768 in range and matches the standard's decision levels.
        int magnitude = (sample >= 0 ? sample : ~sample) >> 4;
        int sign = sample >= 0 ? 0x80 : 0x00;
        int segment;
        int mantissa;
        if (magnitude < 16)
        {
            segment = 0;
            mantissa = magnitude;
        }
        else
        {
            segment = 31 - int.LeadingZeroCount(magnitude) - 3; // 16..31 → 1, …, 1024..2047 → 7
            mantissa = (magnitude >> (segment - 1)) & 0x0F;
        }
        return (byte)((sign | (segment << 4) | mantissa) ^ 0x55);
    }

    private static short Sample(int n) => (short)Math.Round(Amplitude * Math.Sin(2 * Math.PI * ToneHz * n / SampleRate));

    private static byte[] BuildALaw()
    {
        var packet = new byte[SamplesPerPacket];
        for (int n = 0; n < packet.Length; n++)
        {
            packet[n] = EncodeALaw(Sample(n));
        }
        return packet;
    }

    private static byte[] BuildPcm()
    {
        var packet = new byte[SamplesPerPacket * 2];
        for (int n = 0; n < SamplesPerPacket; n++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(packet.AsSpan(n * 2), Sample(n));
        }
        return packet;
    }
}
