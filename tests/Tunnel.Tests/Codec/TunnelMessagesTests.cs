using System.Text;
using System.Text.Json;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.Tunnel.Tests.Infrastructure;

namespace CameraCloud.Tunnel.Tests.Codec;

public class TunnelMessagesTests
{
    [Fact]
    public void Hello_round_trips()
    {
        var hello = Sample.Hello();

        var back = TunnelMessages.TryDeserializeHello(TunnelMessages.Serialize(hello), out var error);

        Assert.Null(error);
        Assert.NotNull(back);
        Assert.Equal(hello with { Targets = [] }, back with { Targets = [] });
        Assert.Equal(hello.Targets, back.Targets);
    }

    [Fact]
    public void Hello_example_of_the_reference_parses()
    {
        var json = """
            {"agentId":"cam-porch","version":"1.0.0","model":"dahua-2449s-il","localIp":"192.168.1.64",
             "hostname":"ipc","targets":[{"name":"rtsp","host":"127.0.0.1","port":554}]}
            """;

        var hello = TunnelMessages.TryDeserializeHello(Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(error);
        Assert.Equal("cam-porch", hello!.AgentId);
        Assert.Equal("192.168.1.64", hello.LocalIp);
        Assert.Equal(new TargetMessage("rtsp", "127.0.0.1", 554), Assert.Single(hello.Targets));
    }

    [Fact]
    public void Hello_without_optional_members_parses()
    {
        var hello = TunnelMessages.TryDeserializeHello("""{"agentId":"a","version":"1","targets":[]}"""u8, out var error);

        Assert.Null(error);
        Assert.Null(hello!.Model);
        Assert.Empty(hello.Targets);
    }

    [Fact]
    public void Welcome_is_written_with_the_references_names()
    {
        var json = Encoding.UTF8.GetString(TunnelMessages.Serialize(new ServerWelcomeMessage("7f3a", 15, 45, 64, 1048576, 65536)));

        Assert.Equal("""{"sessionId":"7f3a","pingIntervalSeconds":15,"pingTimeoutSeconds":45,"maxStreams":64,"initialWindow":1048576,"maxFramePayload":65536}""", json);
    }

    [Fact]
    public void Welcome_round_trips()
    {
        var welcome = Sample.Welcome(maxStreams: 3, initialWindow: 4096);

        Assert.Equal(welcome, TunnelMessages.TryDeserializeWelcome(TunnelMessages.Serialize(welcome), out _));
    }

    [Fact]
    public void Open_round_trips()
    {
        Assert.Equal("""{"target":"rtsp"}""", Encoding.UTF8.GetString(TunnelMessages.Serialize(new OpenMessage("rtsp"))));
        Assert.Equal(new OpenMessage("http"), TunnelMessages.TryDeserializeOpen(TunnelMessages.Serialize(new OpenMessage("http")), out _));
    }

    [Theory]
    [InlineData("""{"id":7,"command":"get-status"}""")]
    [InlineData("""{"id":8,"command":"update-config","targets":[{"name":"rtsp","host":"127.0.0.1","port":554}]}""")]
    [InlineData("""{"id":9,"command":"redirect","url":"wss://other.example/agent/connect"}""")]
    [InlineData("""{"id":10,"command":"restart"}""")]
    public void Control_requests_of_the_reference_round_trip_byte_for_byte(string json)
    {
        var request = TunnelMessages.TryDeserializeControlRequest(Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(error);
        Assert.Equal(json, Encoding.UTF8.GetString(TunnelMessages.Serialize(request!)));
    }

    [Fact]
    public void Control_result_keeps_its_status_object()
    {
        using var status = JsonDocument.Parse("""{"uptimeSeconds":12,"openStreams":1,"localIp":"10.0.0.2","targets":[]}""");
        var result = new ControlResultMessage(7, true, Status: status.RootElement.Clone());

        var json = Encoding.UTF8.GetString(TunnelMessages.Serialize(result));
        var back = TunnelMessages.TryDeserializeControlResult(Encoding.UTF8.GetBytes(json), out var error);

        Assert.Equal("""{"id":7,"ok":true,"status":{"uptimeSeconds":12,"openStreams":1,"localIp":"10.0.0.2","targets":[]}}""", json);
        Assert.Null(error);
        Assert.Equal(12, back!.Status!.Value.GetProperty("uptimeSeconds").GetInt32());
    }

    [Fact]
    public void Control_result_error_round_trips()
    {
        var result = new ControlResultMessage(8, false, "unsupported");

        Assert.Equal(result, TunnelMessages.TryDeserializeControlResult(TunnelMessages.Serialize(result), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("""{"agentId":null,"version":"1","targets":[]}""")]
    [InlineData("""{"agentId":5,"version":"1","targets":[]}""")]
    [InlineData("""{"agentId":"a","version":"1"}""")]
    [InlineData("""{"agentId":"","version":"1","targets":[]}""")]
    [InlineData("""{"agentId":"a","targets":[]}""")]
    [InlineData("""{"agentId":"a","version":"1","targets":[null]}""")]
    [InlineData("""{"agentId":"a","version":"1","targets":[{"name":"rtsp","host":"h","port":0}]}""")]
    [InlineData("""{"agentId":"a","version":"1","targets":[{"name":"rtsp","host":"h","port":70000}]}""")]
    [InlineData("""{"agentId":"a","version":"1","targets":[{"name":"rtsp","host":"h","port":1},{"name":"rtsp","host":"h","port":2}]}""")]
    [InlineData("""{"agentId":"a","version":"1","targets":[{"name":"rtsp","port":554}]}""")]
    public void Bad_hello_gives_an_error_text_not_an_exception(string json)
    {
        var hello = TunnelMessages.TryDeserializeHello(Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(hello);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("""{"sessionId":"s","pingIntervalSeconds":0,"pingTimeoutSeconds":45,"maxStreams":64,"initialWindow":1048576,"maxFramePayload":65536}""")]
    [InlineData("""{"sessionId":"s","pingIntervalSeconds":15,"pingTimeoutSeconds":10,"maxStreams":64,"initialWindow":1048576,"maxFramePayload":65536}""")]
    [InlineData("""{"sessionId":"s","pingIntervalSeconds":15,"pingTimeoutSeconds":45,"maxStreams":0,"initialWindow":1048576,"maxFramePayload":65536}""")]
    [InlineData("""{"sessionId":"s","pingIntervalSeconds":15,"pingTimeoutSeconds":45,"maxStreams":64,"initialWindow":0,"maxFramePayload":65536}""")]
    [InlineData("""{"sessionId":"s","pingIntervalSeconds":15,"pingTimeoutSeconds":45,"maxStreams":64,"initialWindow":16777217,"maxFramePayload":65536}""")]
    [InlineData("""{"sessionId":"s","pingIntervalSeconds":15,"pingTimeoutSeconds":45,"maxStreams":64,"initialWindow":1048576,"maxFramePayload":65537}""")]
    [InlineData("""{"pingIntervalSeconds":15,"pingTimeoutSeconds":45,"maxStreams":64,"initialWindow":1048576,"maxFramePayload":65536}""")]
    [InlineData("""{"sessionId":"s","pingIntervalSeconds":"15","pingTimeoutSeconds":45,"maxStreams":64,"initialWindow":1048576,"maxFramePayload":65536}""")]
    public void Bad_welcome_gives_an_error_text(string json)
    {
        Assert.Null(TunnelMessages.TryDeserializeWelcome(Encoding.UTF8.GetBytes(json), out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"target":""}""")]
    [InlineData("""{"target":null}""")]
    [InlineData("""{"target":["rtsp"]}""")]
    public void Bad_open_gives_an_error_text(string json)
    {
        Assert.Null(TunnelMessages.TryDeserializeOpen(Encoding.UTF8.GetBytes(json), out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("""{"id":1}""")]
    [InlineData("""{"id":"x","command":"restart"}""")]
    [InlineData("""{"id":1,"command":"update-config","targets":[{"name":"","host":"h","port":1}]}""")]
    public void Bad_control_request_gives_an_error_text(string json)
    {
        Assert.Null(TunnelMessages.TryDeserializeControlRequest(Encoding.UTF8.GetBytes(json), out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_gives_an_error_text()
    {
        byte[] json = [.. "{\"target\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Null(TunnelMessages.TryDeserializeOpen(json, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Seeded_random_bytes_never_throw()
    {
        var random = new Random(99);
        var seeds = new[] { TunnelMessages.Serialize(Sample.Hello()), TunnelMessages.Serialize(Sample.Welcome()),
            TunnelMessages.Serialize(new ControlRequestMessage(1, "update-config", [new TargetMessage("rtsp", "h", 554)])) };
        for (int i = 0; i < 5000; i++)
        {
            var bytes = (byte[])seeds[i % seeds.Length].Clone();
            for (int k = random.Next(1, 4); k > 0; k--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var hello = TunnelMessages.TryDeserializeHello(bytes, out var e1);
            var welcome = TunnelMessages.TryDeserializeWelcome(bytes, out var e2);
            var request = TunnelMessages.TryDeserializeControlRequest(bytes, out var e3);
            var result = TunnelMessages.TryDeserializeControlResult(bytes, out var e4);

            Assert.True((hello is null) == (e1 is not null));
            Assert.True((welcome is null) == (e2 is not null));
            Assert.True((request is null) == (e3 is not null));
            Assert.True((result is null) == (e4 is not null));
        }
    }
}
