using System.Buffers;
using CameraCloud.Codecs.V720.Mqtt;

namespace CameraCloud.Codecs.V720.Tests.Mqtt;

internal static class MqttBytes
{
    public static byte[] Write(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Reads exactly one packet that fills <paramref name="bytes"/>.</summary>
    public static T ReadSingle<T>(byte[] bytes, int maxPacketSize = MqttPacketReader.DefaultMaxPacketSize)
        where T : MqttPacket
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(MqttReadStatus.Packet, MqttPacketReader.TryRead(ref buffer, maxPacketSize, out var packet));
        Assert.True(buffer.IsEmpty);
        return Assert.IsAssignableFrom<T>(packet);
    }

    /// <summary>Every field of a packet as text, payloads in hex, to compare packets that hold memory or lists.</summary>
    public static string Describe(MqttPacket packet) => packet switch
    {
        MqttConnect c => $"CONNECT {c.ProtocolName} {c.ProtocolLevel} {c.ClientId} {c.Username} {c.Password} {c.KeepAliveSeconds} "
            + $"{c.CleanSession} {c.WillTopic} {Convert.ToHexString(c.WillPayload.Span)} {c.WillQoS} {c.WillRetain}",
        MqttPublish p => $"PUBLISH {p.Topic} {Convert.ToHexString(p.Payload.Span)} {p.QoS} {p.Retain} {p.Dup} {p.PacketId}",
        MqttSubscribe s => $"SUBSCRIBE {s.PacketId} {string.Join(",", s.Subscriptions)}",
        MqttUnsubscribe u => $"UNSUBSCRIBE {u.PacketId} {string.Join(",", u.TopicFilters)}",
        MqttSubAck a => $"SUBACK {a.PacketId} {Convert.ToHexString(a.ReturnCodes.ToArray())}",
        _ => packet.ToString(),
    };

    public static T RoundTrip<T>(Action<IBufferWriter<byte>> write, int maxPacketSize = MqttPacketReader.DefaultMaxPacketSize)
        where T : MqttPacket => ReadSingle<T>(Write(write), maxPacketSize);

    public static MqttReadStatus Status(string hex, int maxPacketSize = MqttPacketReader.DefaultMaxPacketSize)
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(hex.Replace(" ", "")));
        return MqttPacketReader.TryRead(ref buffer, maxPacketSize, out _);
    }
}
