using System.Buffers;
using CameraCloud.Codecs.V720.Mqtt;

namespace CameraCloud.Codecs.V720.Tests.Mqtt;

public class MqttPacketReaderTests
{
    [Theory]
    [InlineData("00 00", "type 0 is reserved")]
    [InlineData("f0 00", "type 15 is reserved")]
    [InlineData("c1 00", "PINGREQ flags must be 0")]
    [InlineData("80 00", "SUBSCRIBE flags must be 0010")]
    [InlineData("a0 00", "UNSUBSCRIBE flags must be 0010")]
    [InlineData("60 02 00 01", "PUBREL flags must be 0010")]
    [InlineData("12 00", "CONNECT flags must be 0")]
    [InlineData("c0 01", "PINGREQ has no body")]
    [InlineData("e0 01", "DISCONNECT has no body")]
    [InlineData("40 03 00 01 00", "PUBACK body is 2 bytes")]
    [InlineData("20 01 00", "CONNACK body is 2 bytes")]
    [InlineData("30 80 80 80 80 01", "remaining length of 5 bytes")]
    [InlineData("30 80 80 80 80", "the 4th varint byte announces a 5th")]
    [InlineData("30 05 00 10 61 62 63", "string length past the packet")]
    [InlineData("30 01 00", "string length cut in half")]
    [InlineData("30 05 00 03 61 2b 62", "wildcard + in a PUBLISH topic")]
    [InlineData("30 05 00 03 61 23 62", "wildcard # in a PUBLISH topic")]
    [InlineData("30 02 00 00", "empty PUBLISH topic")]
    [InlineData("30 05 00 03 61 00 62", "NUL in a topic")]
    [InlineData("30 04 00 02 c3 28", "invalid UTF-8 in a topic")]
    [InlineData("36 05 00 01 61 00 01", "PUBLISH QoS 3")]
    [InlineData("38 03 00 01 61", "DUP on a QoS 0 PUBLISH")]
    [InlineData("32 05 00 01 61 00 00", "QoS 1 PUBLISH with packet id 0")]
    [InlineData("32 04 00 01 61 00", "QoS 1 PUBLISH with half a packet id")]
    [InlineData("82 02 00 01", "SUBSCRIBE without subscriptions")]
    [InlineData("82 06 00 00 00 01 61 00", "SUBSCRIBE with packet id 0")]
    [InlineData("82 06 00 01 00 01 61 03", "SUBSCRIBE QoS 3")]
    [InlineData("82 06 00 01 00 01 61 81", "SUBSCRIBE reserved QoS bits")]
    [InlineData("82 05 00 01 00 01 61", "SUBSCRIBE without its QoS byte")]
    [InlineData("82 07 00 01 00 02 61 23 00", "filter with # inside a level")]
    [InlineData("82 08 00 01 00 03 23 2f 61 00", "filter with # not last")]
    [InlineData("82 05 00 01 00 00 00", "empty filter")]
    [InlineData("a2 02 00 01", "UNSUBSCRIBE without filters")]
    [InlineData("a2 05 00 00 00 01 61", "UNSUBSCRIBE with packet id 0")]
    [InlineData("20 02 02 00", "CONNACK reserved flag bits")]
    [InlineData("90 02 00 01", "SUBACK without codes")]
    [InlineData("90 03 00 01 03", "SUBACK code 3")]
    [InlineData("10 0d 00 04 4d515454 04 03 000a 0001 61", "CONNECT reserved flag")]
    [InlineData("10 10 00 04 4d515454 04 42 000a 0001 61 0001 70", "password without username")]
    [InlineData("10 0d 00 04 4d515454 04 0a 000a 0001 61", "will QoS without a will")]
    [InlineData("10 0d 00 04 4d515454 04 22 000a 0001 61", "will retain without a will")]
    [InlineData("10 12 00 04 4d515454 04 1e 000a 0001 61 0001 74 0000", "will QoS 3")]
    [InlineData("10 0e 00 04 4d515454 04 02 000a 0001 61 ff", "bytes after the last field")]
    [InlineData("10 0c 00 04 4d515454 04 02 000a 0001", "client id cut off")]
    [InlineData("10 10 00 04 4d515454 04 82 000a 0001 61 0002 75", "username cut off")]
    [InlineData("10 12 00 04 4d515454 04 06 000a 0001 61 0001 23 0000", "wildcard in the will topic")]
    public void Malformed_packets_are_invalid(string hex, string why)
    {
        Assert.True(MqttBytes.Status(hex) == MqttReadStatus.Invalid, why);
    }

    [Fact]
    public void Connect_of_another_protocol_level_is_returned_for_a_connack_1()
    {
        var connect = MqttBytes.ReadSingle<MqttConnect>(Convert.FromHexString("100d00044d5154540502000a000161"));

        Assert.Equal(5, connect.ProtocolLevel);
        Assert.Equal("MQTT", connect.ProtocolName);
        Assert.Equal(10, connect.KeepAliveSeconds);
    }

    [Fact]
    public void Connect_of_mqtt_3_1_is_read_whole()
    {
        var connect = MqttBytes.ReadSingle<MqttConnect>(Convert.FromHexString("100f00064d514973647003020005000161"));

        Assert.Equal("MQIsdp", connect.ProtocolName);
        Assert.Equal(MqttConnect.Level31, connect.ProtocolLevel);
        Assert.Equal("a", connect.ClientId);
        Assert.Equal(5, connect.KeepAliveSeconds);
    }

    [Fact]
    public void Oversize_is_invalid_from_the_fixed_header_alone()
    {
        // remaining 65533 + 4 header bytes = 65537 > 64 KiB, with no body bytes present
        Assert.Equal(MqttReadStatus.Invalid, MqttBytes.Status("30 fd ff 03"));
        // exactly 64 KiB: wait for the body
        Assert.Equal(MqttReadStatus.NeedMoreData, MqttBytes.Status("30 fc ff 03"));
        // the largest varint
        Assert.Equal(MqttReadStatus.Invalid, MqttBytes.Status("30 ff ff ff 7f"));
    }

    [Fact]
    public void A_smaller_limit_applies_to_the_whole_packet()
    {
        var bytes = Captured.Bytes(Captured.MqttPublishStatus);

        Assert.Equal(MqttReadStatus.Invalid, MqttBytes.Status(Captured.MqttPublishStatus, bytes.Length - 1));
        Assert.Equal(MqttReadStatus.Packet, MqttBytes.Status(Captured.MqttPublishStatus, bytes.Length));
    }

    [Fact]
    public void Limit_below_a_fixed_header_is_refused()
    {
        var buffer = new ReadOnlySequence<byte>([0xC0, 0x00]);

        Assert.Throws<ArgumentOutOfRangeException>(() => MqttPacketReader.TryRead(ref buffer, 1, out _));
    }

    [Fact]
    public void Non_minimal_varint_is_accepted()
    {
        // 0x80 0x00 encodes 0 in two bytes; MQTT 3.1.1 does not forbid it.
        Assert.Equal(MqttReadStatus.Packet, MqttBytes.Status("c0 80 00"));
    }

    [Fact]
    public void Publish_payload_is_a_copy_the_caller_owns()
    {
        var bytes = Captured.Bytes(Captured.MqttPublishStatus);
        var buffer = new ReadOnlySequence<byte>(bytes);
        MqttPacketReader.TryRead(ref buffer, MqttPacketReader.DefaultMaxPacketSize, out var packet);
        var payload = ((MqttPublish)packet!).Payload.ToArray();

        Array.Clear(bytes);

        Assert.Equal(payload, ((MqttPublish)packet).Payload.ToArray());
    }

    [Fact]
    public void Seeded_random_garbage_never_throws_and_always_makes_progress()
    {
        var random = new Random(1883);
        byte[] plausibleFirst = [0x10, 0x20, 0x30, 0x32, 0x34, 0x3B, 0x40, 0x50, 0x62, 0x70, 0x82, 0x90, 0xA2, 0xB0, 0xC0, 0xD0, 0xE0];
        int packets = 0;
        for (int iteration = 0; iteration < 5000; iteration++)
        {
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            if (data.Length > 1 && random.Next(2) == 0)
            {
                data[0] = plausibleFirst[random.Next(plausibleFirst.Length)];
                data[1] = (byte)random.Next(0, Math.Min(128, data.Length));
            }
            var buffer = random.Next(4) == 0 ? Sequences.Bytewise(data) : new ReadOnlySequence<byte>(data);

            MqttReadStatus status;
            while (true)
            {
                long before = buffer.Length;
                status = MqttPacketReader.TryRead(ref buffer, 256, out var packet);
                if (status != MqttReadStatus.Packet)
                {
                    Assert.Null(packet);
                    Assert.Equal(before, buffer.Length);
                    break;
                }
                Assert.NotNull(packet);
                Assert.True(buffer.Length < before);
                packets++;
            }
        }
        Assert.True(packets > 0);
    }

    [Fact]
    public void Mutated_camera_packets_never_throw()
    {
        var random = new Random(10);
        string[] originals = [Captured.MqttConnect, Captured.MqttSubscribe, Captured.MqttPublishInfo, Captured.MqttSubAck];
        foreach (var hex in originals)
        {
            var original = Captured.Bytes(hex);
            for (int i = 0; i < 2000; i++)
            {
                var mutated = original.ToArray();
                for (int flips = random.Next(1, 4); flips > 0; flips--)
                {
                    mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                }
                var buffer = new ReadOnlySequence<byte>(mutated);

                var status = MqttPacketReader.TryRead(ref buffer, MqttPacketReader.DefaultMaxPacketSize, out var packet);

                Assert.Equal(status == MqttReadStatus.Packet, packet is not null);
            }
        }
    }
}
