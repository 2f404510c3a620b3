using System.Buffers;
using System.Text;
using CameraCloud.Codecs.V720.Mqtt;

namespace CameraCloud.Codecs.V720.Tests.Mqtt;

/// <summary>The MQTT packets of a real camera and the reference broker (pcap frames 45–64).</summary>
public class MqttCapturedTests
{
    private const string StatusWill = """{"device":"0800c00128F8","token":"NAXCLOW","status": 0}""";
    private const string StatusOnline = """{"device":"0800c00128F8","token":"NAXCLOW","status": 1}""";

    public static TheoryData<string> CapturedPackets => new()
    {
        Captured.MqttConnect,
        Captured.MqttSubscribe,
        Captured.MqttPublishStatus,
        Captured.MqttPublishInfo,
        Captured.MqttPingReq,
        Captured.MqttConnAck,
        Captured.MqttSubAck,
        Captured.MqttPingResp,
    };

    [Fact]
    public void Camera_connect()
    {
        var connect = MqttBytes.ReadSingle<MqttConnect>(Captured.Bytes(Captured.MqttConnect));

        Assert.Equal("MQTT", connect.ProtocolName);
        Assert.Equal(MqttConnect.Level311, connect.ProtocolLevel);
        Assert.Equal(Captured.Uid, connect.ClientId);
        Assert.Equal(Captured.Uid, connect.Username);
        Assert.Equal("\"656f41d93b\"", connect.Password);
        Assert.Equal(10, connect.KeepAliveSeconds);
        Assert.True(connect.CleanSession);
        Assert.Equal(MqttTopics.DeviceStatus, connect.WillTopic);
        Assert.Equal(StatusWill, Encoding.UTF8.GetString(connect.WillPayload.Span));
        Assert.Equal(1, connect.WillQoS);
        Assert.False(connect.WillRetain);
    }

    [Fact]
    public void Camera_connect_is_reproduced_byte_for_byte_by_the_writer()
    {
        var bytes = MqttBytes.Write(o => MqttPacketWriter.WriteConnect(o, Captured.Uid, Captured.Uid, "\"656f41d93b\"",
            keepAliveSeconds: 10, cleanSession: true, willTopic: MqttTopics.DeviceStatus,
            willPayload: Encoding.UTF8.GetBytes(StatusWill), willQoS: 1));

        Assert.Equal(Captured.MqttConnect, Convert.ToHexString(bytes), ignoreCase: true);
    }

    [Fact]
    public void Camera_subscribe()
    {
        var subscribe = MqttBytes.ReadSingle<MqttSubscribe>(Captured.Bytes(Captured.MqttSubscribe));

        Assert.Equal(1, subscribe.PacketId);
        Assert.Equal([new MqttSubscription(MqttTopics.DeviceCommand(Captured.Uid), 1)], subscribe.Subscriptions);
        Assert.Equal(Captured.MqttSubscribe,
            Convert.ToHexString(MqttBytes.Write(o => MqttPacketWriter.WriteSubscribe(o, 1, subscribe.Subscriptions))), ignoreCase: true);
    }

    [Fact]
    public void Camera_status_publish()
    {
        var publish = MqttBytes.ReadSingle<MqttPublish>(Captured.Bytes(Captured.MqttPublishStatus));

        Assert.Equal(MqttTopics.DeviceStatus, publish.Topic);
        Assert.Equal(StatusOnline, Encoding.UTF8.GetString(publish.Payload.Span));
        Assert.Equal(0, publish.QoS);
        Assert.False(publish.Retain);
        Assert.False(publish.Dup);
        Assert.Null(publish.PacketId);
        Assert.Equal(Captured.MqttPublishStatus,
            Convert.ToHexString(MqttBytes.Write(o => MqttPacketWriter.WritePublish(o, publish.Topic, publish.Payload.Span))), ignoreCase: true);
    }

    [Fact]
    public void Camera_info_publish_with_a_two_byte_remaining_length()
    {
        var publish = MqttBytes.ReadSingle<MqttPublish>(Captured.Bytes(Captured.MqttPublishInfo));

        Assert.Equal(MqttTopics.DeviceInfo, publish.Topic);
        Assert.True(MqttTopics.TryGetDeviceFromInfoPayload(publish.Payload.Span, out var device));
        Assert.Equal(Captured.Uid, device);
    }

    [Fact]
    public void Broker_answers_of_the_reference_are_what_the_writer_produces()
    {
        Assert.Equal(Captured.MqttConnAck, Convert.ToHexString(MqttBytes.Write(o => MqttPacketWriter.WriteConnAck(o, false, MqttConnectReturnCode.Accepted))), ignoreCase: true);
        Assert.Equal(Captured.MqttSubAck, Convert.ToHexString(MqttBytes.Write(o => MqttPacketWriter.WriteSubAck(o, 1, [1]))), ignoreCase: true);
        Assert.Equal(Captured.MqttPingResp, Convert.ToHexString(MqttBytes.Write(MqttPacketWriter.WritePingResp)), ignoreCase: true);
        Assert.Equal(Captured.MqttPingReq, Convert.ToHexString(MqttBytes.Write(MqttPacketWriter.WritePingReq)), ignoreCase: true);
    }

    [Fact]
    public void Broker_answers_parse()
    {
        Assert.Equal(new MqttConnAck(false, 0), MqttBytes.ReadSingle<MqttConnAck>(Captured.Bytes(Captured.MqttConnAck)));
        var subAck = MqttBytes.ReadSingle<MqttSubAck>(Captured.Bytes(Captured.MqttSubAck));
        Assert.Equal(1, subAck.PacketId);
        Assert.Equal([(byte)1], subAck.ReturnCodes);
        MqttBytes.ReadSingle<MqttPingResponse>(Captured.Bytes(Captured.MqttPingResp));
        MqttBytes.ReadSingle<MqttPingRequest>(Captured.Bytes(Captured.MqttPingReq));
    }

    [Theory]
    [MemberData(nameof(CapturedPackets))]
    public void Every_truncation_point_needs_more_data_and_consumes_nothing(string hex)
    {
        var bytes = Captured.Bytes(hex);
        for (int length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            Assert.Equal(MqttReadStatus.NeedMoreData, MqttPacketReader.TryRead(ref buffer, MqttPacketReader.DefaultMaxPacketSize, out var packet));

            Assert.Null(packet);
            Assert.Equal(length, buffer.Length);
        }
    }

    [Theory]
    [MemberData(nameof(CapturedPackets))]
    public void Split_in_two_segments_at_every_position_reads_the_same_packet(string hex)
    {
        var bytes = Captured.Bytes(hex);
        var whole = MqttBytes.ReadSingle<MqttPacket>(bytes);
        for (int at = 0; at <= bytes.Length; at++)
        {
            var buffer = Sequences.SplitAt(bytes, at);

            Assert.Equal(MqttReadStatus.Packet, MqttPacketReader.TryRead(ref buffer, MqttPacketReader.DefaultMaxPacketSize, out var packet));

            Assert.True(buffer.IsEmpty);
            Assert.Equal(MqttBytes.Describe(whole), MqttBytes.Describe(packet!));
        }
    }

    [Fact]
    public void The_camera_session_in_one_bytewise_buffer_reads_in_order()
    {
        byte[] stream =
        [
            .. Captured.Bytes(Captured.MqttConnect), .. Captured.Bytes(Captured.MqttSubscribe),
            .. Captured.Bytes(Captured.MqttPublishStatus), .. Captured.Bytes(Captured.MqttPublishInfo),
            .. Captured.Bytes(Captured.MqttPingReq), .. Captured.Bytes(Captured.MqttPingReq),
        ];
        var buffer = Sequences.Bytewise(stream);
        var types = new List<Type>();

        while (MqttPacketReader.TryRead(ref buffer, MqttPacketReader.DefaultMaxPacketSize, out var packet) == MqttReadStatus.Packet)
        {
            types.Add(packet!.GetType());
        }

        Assert.Equal(
            [typeof(MqttConnect), typeof(MqttSubscribe), typeof(MqttPublish), typeof(MqttPublish), typeof(MqttPingRequest), typeof(MqttPingRequest)],
            types);
        Assert.True(buffer.IsEmpty);
    }
}
