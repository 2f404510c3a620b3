using System.Buffers;
using CameraCloud.Codecs.V720.Mqtt;

namespace CameraCloud.Codecs.V720.Tests.Mqtt;

/// <summary>The writer refuses what the reader would reject.</summary>
public class MqttPacketWriterTests
{
    private static readonly ArrayBufferWriter<byte> Output = new();

    [Theory]
    [InlineData("a/+", (byte)0, (ushort)0, false)]
    [InlineData("a/#", (byte)0, (ushort)0, false)]
    [InlineData("", (byte)0, (ushort)0, false)]
    [InlineData("a", (byte)3, (ushort)1, false)]
    [InlineData("a", (byte)1, (ushort)0, false)]
    [InlineData("a", (byte)0, (ushort)0, true)]
    [InlineData("a\0b", (byte)0, (ushort)0, false)]
    public void Publish_arguments_the_reader_would_reject(string topic, byte qos, ushort packetId, bool dup)
    {
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WritePublish(Output, topic, [], qos, packetId, dup: dup));
    }

    [Fact]
    public void Topic_longer_than_an_mqtt_string_is_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WritePublish(Output, new string('a', 65536), []));
    }

    [Fact]
    public void Connect_arguments_the_reader_would_reject()
    {
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteConnect(Output, "c", username: null, password: "p"));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteConnect(Output, "c", willQoS: 1));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteConnect(Output, "c", willTopic: "a/+"));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteConnect(Output, "c", willTopic: "a", willQoS: 3));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteConnect(Output, "c", willTopic: "a", willPayload: new byte[65536]));
    }

    [Fact]
    public void Subscribe_arguments_the_reader_would_reject()
    {
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteSubscribe(Output, 0, [new("a", 0)]));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteSubscribe(Output, 1, []));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteSubscribe(Output, 1, [new("a#", 0)]));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteSubscribe(Output, 1, [new("a", 3)]));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteUnsubscribe(Output, 0, ["a"]));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteUnsubscribe(Output, 1, []));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteSubAck(Output, 1, []));
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WriteSubAck(Output, 1, [3]));
    }

    [Fact]
    public void Refused_packets_write_nothing()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.ThrowsAny<ArgumentException>(() => MqttPacketWriter.WritePublish(output, "a/#", [1, 2, 3]));

        Assert.Equal(0, output.WrittenCount);
    }
}
