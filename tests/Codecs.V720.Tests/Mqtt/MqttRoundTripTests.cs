using System.Text;
using CameraCloud.Codecs.V720.Mqtt;

namespace CameraCloud.Codecs.V720.Tests.Mqtt;

/// <summary>Every packet the writer produces reads back as the same packet.</summary>
public class MqttRoundTripTests
{
    [Theory]
    [InlineData("cam", null, null, (ushort)10, true, null, 0, false)]
    [InlineData("", null, null, (ushort)0, true, null, 0, false)]
    [InlineData("cam", "user", null, (ushort)60, false, null, 0, false)]
    [InlineData("cam", "user", "\"pass\"", ushort.MaxValue, true, "a/b", 0, false)]
    [InlineData("cam", "user", "", (ushort)1, true, "a/b", 1, true)]
    [InlineData("caméra-ü", "usér", "pässwörd", (ushort)10, true, "Naxclow/P2P/Users/Device/Status", 2, false)]
    public void Connect(string clientId, string? username, string? password, ushort keepAlive, bool clean, string? willTopic, byte willQoS, bool willRetain)
    {
        byte[] willPayload = willTopic is null ? [] : Encoding.UTF8.GetBytes("{\"status\": 0}");

        var connect = MqttBytes.RoundTrip<MqttConnect>(o => MqttPacketWriter.WriteConnect(o, clientId, username, password,
            keepAlive, clean, willTopic, willPayload, willQoS, willRetain));

        Assert.Equal("MQTT", connect.ProtocolName);
        Assert.Equal(MqttConnect.Level311, connect.ProtocolLevel);
        Assert.Equal(clientId, connect.ClientId);
        Assert.Equal(username, connect.Username);
        Assert.Equal(password, connect.Password);
        Assert.Equal(keepAlive, connect.KeepAliveSeconds);
        Assert.Equal(clean, connect.CleanSession);
        Assert.Equal(willTopic, connect.WillTopic);
        Assert.Equal(willPayload, connect.WillPayload.ToArray());
        Assert.Equal(willQoS, connect.WillQoS);
        Assert.Equal(willRetain, connect.WillRetain);
    }

    [Theory]
    [InlineData(0, (ushort)0, false, false, 0)]
    [InlineData(0, (ushort)0, true, false, 1)]
    [InlineData(1, (ushort)1, false, false, 100)]
    [InlineData(1, (ushort)65535, true, true, 127)]
    [InlineData(2, (ushort)42, false, true, 128)]
    [InlineData(2, (ushort)7, true, false, 16_383)]
    [InlineData(0, (ushort)0, false, false, 16_384)]
    [InlineData(1, (ushort)9, false, false, 60_000)]
    public void Publish(byte qos, ushort packetId, bool retain, bool dup, int payloadLength)
    {
        var payload = new byte[payloadLength];
        new Random(payloadLength).NextBytes(payload);

        var publish = MqttBytes.RoundTrip<MqttPublish>(o => MqttPacketWriter.WritePublish(o, "Naxclow/P2P/Users/Device/sub/0800c00128F8",
            payload, qos, packetId, retain, dup));

        Assert.Equal("Naxclow/P2P/Users/Device/sub/0800c00128F8", publish.Topic);
        Assert.Equal(payload, publish.Payload.ToArray());
        Assert.Equal(qos, publish.QoS);
        Assert.Equal(retain, publish.Retain);
        Assert.Equal(dup, publish.Dup);
        Assert.Equal(qos == 0 ? null : packetId, publish.PacketId);
    }

    [Theory]
    [InlineData(2_097_151)]
    [InlineData(2_097_152)]
    public void Publish_with_three_and_four_byte_remaining_lengths(int remainingLength)
    {
        const string topic = "t";
        var payload = new byte[remainingLength - 2 - topic.Length];

        var bytes = MqttBytes.Write(o => MqttPacketWriter.WritePublish(o, topic, payload));
        var publish = MqttBytes.ReadSingle<MqttPublish>(bytes, maxPacketSize: 3_000_000);

        Assert.Equal(remainingLength < 2_097_152 ? 4 : 5, bytes.Length - remainingLength);
        Assert.Equal(payload.Length, publish.Payload.Length);
    }

    [Fact]
    public void Subscribe_several_filters()
    {
        MqttSubscription[] subscriptions = [new("a/+/c", 0), new("Naxclow/#", 1), new("#", 2), new("+", 1)];

        var subscribe = MqttBytes.RoundTrip<MqttSubscribe>(o => MqttPacketWriter.WriteSubscribe(o, 513, subscriptions));

        Assert.Equal(513, subscribe.PacketId);
        Assert.Equal(subscriptions, subscribe.Subscriptions);
    }

    [Fact]
    public void Unsubscribe_several_filters()
    {
        string[] filters = ["a/b", "Naxclow/P2P/Users/Device/sub/0800c00128F8", "x/#"];

        var unsubscribe = MqttBytes.RoundTrip<MqttUnsubscribe>(o => MqttPacketWriter.WriteUnsubscribe(o, 65535, filters));

        Assert.Equal(65535, unsubscribe.PacketId);
        Assert.Equal(filters, unsubscribe.TopicFilters);
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 1, 2, 0x80, 0 })]
    public void SubAck(byte[] codes)
    {
        var subAck = MqttBytes.RoundTrip<MqttSubAck>(o => MqttPacketWriter.WriteSubAck(o, 77, codes));

        Assert.Equal(77, subAck.PacketId);
        Assert.Equal(codes, subAck.ReturnCodes);
    }

    [Theory]
    [InlineData(false, MqttConnectReturnCode.Accepted)]
    [InlineData(true, MqttConnectReturnCode.Accepted)]
    [InlineData(false, MqttConnectReturnCode.UnacceptableProtocolVersion)]
    [InlineData(false, MqttConnectReturnCode.NotAuthorized)]
    public void ConnAck(bool sessionPresent, byte returnCode)
    {
        Assert.Equal(new MqttConnAck(sessionPresent, returnCode),
            MqttBytes.RoundTrip<MqttConnAck>(o => MqttPacketWriter.WriteConnAck(o, sessionPresent, returnCode)));
    }

    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)1)]
    [InlineData((ushort)0x1234)]
    [InlineData(ushort.MaxValue)]
    public void Packet_id_acknowledgements(ushort packetId)
    {
        Assert.Equal(new MqttPubAck(packetId), MqttBytes.RoundTrip<MqttPubAck>(o => MqttPacketWriter.WritePubAck(o, packetId)));
        Assert.Equal(new MqttPubRec(packetId), MqttBytes.RoundTrip<MqttPubRec>(o => MqttPacketWriter.WritePubRec(o, packetId)));
        Assert.Equal(new MqttPubRel(packetId), MqttBytes.RoundTrip<MqttPubRel>(o => MqttPacketWriter.WritePubRel(o, packetId)));
        Assert.Equal(new MqttPubComp(packetId), MqttBytes.RoundTrip<MqttPubComp>(o => MqttPacketWriter.WritePubComp(o, packetId)));
        Assert.Equal(new MqttUnsubAck(packetId), MqttBytes.RoundTrip<MqttUnsubAck>(o => MqttPacketWriter.WriteUnsubAck(o, packetId)));
    }

    [Fact]
    public void Packets_without_a_body()
    {
        Assert.Equal(new MqttPingRequest(), MqttBytes.RoundTrip<MqttPingRequest>(MqttPacketWriter.WritePingReq));
        Assert.Equal(new MqttPingResponse(), MqttBytes.RoundTrip<MqttPingResponse>(MqttPacketWriter.WritePingResp));
        Assert.Equal(new MqttDisconnect(), MqttBytes.RoundTrip<MqttDisconnect>(MqttPacketWriter.WriteDisconnect));
        Assert.Equal("E000", Convert.ToHexString(MqttBytes.Write(MqttPacketWriter.WriteDisconnect)));
    }

    [Fact]
    public void Several_written_packets_read_back_in_order()
    {
        var bytes = MqttBytes.Write(o =>
        {
            MqttPacketWriter.WriteConnAck(o, false, 0);
            MqttPacketWriter.WriteSubAck(o, 1, [1]);
            MqttPacketWriter.WritePublish(o, MqttTopics.DeviceCommand(Captured.Uid), "{\"code\": 202, \"IrLed\": 0}"u8, qos: 1, packetId: 2);
            MqttPacketWriter.WritePingResp(o);
        });
        var buffer = new System.Buffers.ReadOnlySequence<byte>(bytes);
        var packets = new List<MqttPacket>();

        while (MqttPacketReader.TryRead(ref buffer, MqttPacketReader.DefaultMaxPacketSize, out var packet) == MqttReadStatus.Packet)
        {
            packets.Add(packet!);
        }

        Assert.Collection(packets,
            p => Assert.IsType<MqttConnAck>(p),
            p => Assert.IsType<MqttSubAck>(p),
            p => Assert.Equal((ushort)2, Assert.IsType<MqttPublish>(p).PacketId),
            p => Assert.IsType<MqttPingResponse>(p));
    }
}
