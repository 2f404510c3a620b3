using System.Buffers.Binary;

namespace CameraCloud.Codecs.V720.Tests;

/// <summary>Synthetic JPEG frames and their fragmentation as a camera sends them (spec §6.1).</summary>
internal static class JpegFrames
{
    public const int FragmentSize = 1004;

    /// <summary>FF D8 + bytes without FF (so no marker appears by chance) + FF D9.</summary>
    public static byte[] Jpeg(int length, int seed)
    {
        var random = new Random(seed);
        var jpeg = new byte[length];
        random.NextBytes(jpeg);
        for (int i = 0; i < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF)
            {
                jpeg[i] = 0x7F;
            }
        }
        jpeg[0] = 0xFF;
        jpeg[1] = 0xD8;
        jpeg[^2] = 0xFF;
        jpeg[^1] = 0xD9;
        return jpeg;
    }

    /// <summary>JPEG + trailer: 1 unknown byte, u32 LE JPEG length.</summary>
    public static byte[] WithTrailer(byte[] jpeg, uint? declaredLength = null)
    {
        var data = new byte[jpeg.Length + 5];
        jpeg.CopyTo(data, 0);
        data[jpeg.Length] = 0x01;
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(jpeg.Length + 1), declaredLength ?? (uint)jpeg.Length);
        return data;
    }

    /// <summary>250, 251…, 252 packets of <paramref name="data"/>, pkg ids counting up from <paramref name="firstId"/>.</summary>
    public static List<Packet> Fragments(byte[] data, uint firstId, int fragmentSize = FragmentSize)
    {
        var packets = new List<Packet>();
        int count = (data.Length + fragmentSize - 1) / fragmentSize;
        for (int i = 0; i < count; i++)
        {
            byte flag = i == 0 ? V720MsgFlag.First : i == count - 1 ? V720MsgFlag.Last : V720MsgFlag.Middle;
            var payload = data.AsSpan(i * fragmentSize, Math.Min(fragmentSize, data.Length - i * fragmentSize)).ToArray();
            packets.Add(Packet.Video(flag, firstId + (uint)i, payload));
        }
        return packets;
    }
}
