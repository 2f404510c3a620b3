using System.Text;
using CameraCloud.Codecs.V720.Mqtt;

namespace CameraCloud.Codecs.V720.Tests.Mqtt;

public class MqttTopicsTests
{
    [Fact]
    public void Command_topic_of_a_device()
    {
        Assert.Equal("Naxclow/P2P/Users/Device/sub/0800c00128F8", MqttTopics.DeviceCommand(Captured.Uid));
        Assert.True(MqttTopics.TryGetUidFromCommandTopic("Naxclow/P2P/Users/Device/sub/0800c00128F8", out var uid));
        Assert.Equal(Captured.Uid, uid);
    }

    [Theory]
    [InlineData("Naxclow/P2P/Users/Device/sub/")]
    [InlineData("Naxclow/P2P/Users/Device/sub/a/b")]
    [InlineData("Naxclow/P2P/Users/Device/Status")]
    [InlineData("naxclow/P2P/Users/Device/sub/x")]
    public void Not_a_command_topic(string topic)
    {
        Assert.False(MqttTopics.TryGetUidFromCommandTopic(topic, out var uid));
        Assert.Null(uid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("+")]
    [InlineData("#")]
    public void Command_topic_refuses_uids_that_are_not_one_level(string uid)
    {
        Assert.ThrowsAny<ArgumentException>(() => MqttTopics.DeviceCommand(uid));
    }

    [Theory]
    [InlineData("""{"device":"0800c00128F8","token":"NAXCLOW","status": 1}""", 1)]
    [InlineData("""{"device":"0800c00128F8","token":"NAXCLOW","status": 0}""", 0)]
    [InlineData("""{"device":"0800c00128F8","status":"1"}""", 1)]
    public void Status_payloads(string json, int expected)
    {
        Assert.True(MqttTopics.TryGetDeviceFromStatusPayload(Encoding.UTF8.GetBytes(json), out var device, out int status));

        Assert.Equal(Captured.Uid, device);
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"device":"","status":1}""")]
    [InlineData("""{"device":"x"}""")]
    [InlineData("""{"status":1}""")]
    [InlineData("not json")]
    public void Not_status_payloads(string json)
    {
        Assert.False(MqttTopics.TryGetDeviceFromStatusPayload(Encoding.UTF8.GetBytes(json), out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"devicesCode":""}""")]
    [InlineData("[]")]
    public void Not_info_payloads(string json)
    {
        Assert.False(MqttTopics.TryGetDeviceFromInfoPayload(Encoding.UTF8.GetBytes(json), out _));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("a/b/c", true)]
    [InlineData("/", true)]
    [InlineData("a//b", true)]
    [InlineData("+", true)]
    [InlineData("#", true)]
    [InlineData("a/+/c", true)]
    [InlineData("a/#", true)]
    [InlineData("+/+/#", true)]
    [InlineData("/#", true)]
    [InlineData("", false)]
    [InlineData("a#", false)]
    [InlineData("a/b#", false)]
    [InlineData("#/a", false)]
    [InlineData("a/#/b", false)]
    [InlineData("a+", false)]
    [InlineData("a/+b/c", false)]
    [InlineData("++", false)]
    public void Topic_filter_validity(string filter, bool valid)
    {
        Assert.Equal(valid, MqttTopics.IsValidTopicFilter(filter));
    }

    [Theory]
    [InlineData("Naxclow/P2P/Users/Device/sub/0800c00128F8", "Naxclow/P2P/Users/Device/sub/0800c00128F8", true)]
    [InlineData("Naxclow/P2P/Users/Device/sub/0800c00128F8", "Naxclow/P2P/Users/Device/sub/0800c0020ADC", false)]
    [InlineData("Naxclow/P2P/Users/Device/sub/+", "Naxclow/P2P/Users/Device/sub/0800c00128F8", true)]
    [InlineData("Naxclow/#", "Naxclow/P2P/Users/Device/Status", true)]
    [InlineData("Naxclow/#", "Naxclow", true)]
    [InlineData("#", "a/b", true)]
    [InlineData("+", "a", true)]
    [InlineData("+", "a/b", false)]
    [InlineData("+/+", "a/b", true)]
    [InlineData("a/+", "a", false)]
    [InlineData("a/+", "a/", true)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    [InlineData("a/+/c", "a/x/c", true)]
    [InlineData("a/+/c", "a/x/d", false)]
    [InlineData("A/b", "a/b", false)]
    [InlineData("#", "$SYS/x", false)]
    [InlineData("+/x", "$SYS/x", false)]
    [InlineData("$SYS/#", "$SYS/x", true)]
    public void Filter_matching(string filter, string topic, bool matches)
    {
        Assert.Equal(matches, MqttTopics.Matches(filter, topic));
    }
}
