using System.Text;
using System.Text.Json;

namespace CameraCloud.Codecs.V720.Tests;

public class V720MessagesTests
{
    public static TheoryData<string, string> Exact => new()
    {
        { V720Messages.RegisterResponse(), """{"code":101,"status":200}""" },
        { V720Messages.ProbeRequest(), """{"code":50}""" },
        { V720Messages.DeviceStatus(), """{"code":53,"status":1}""" },
        { V720Messages.StartMedia(), """{"code":3}""" },
        { V720Messages.StopMedia(), """{"code":0}""" },
        { V720Messages.EnableRetransmission(), """{"code":298}""" },
        { V720Messages.BaseInfoRequest(1676097689), """{"code":4,"unixTimer":1676097689}""" },
        { V720Messages.UdpResponse("10.42.0.28", 43258), """{"code":21,"ip":"10.42.0.28","port":43258}""" },
        {
            V720Messages.NatRequest("00112233445566778899aabbccddeeff", "deadc0de", "10.42.0.1", 6123),
            """{"code":11,"cliTarget":"00112233445566778899aabbccddeeff","cliToken":"deadc0de","cliIp":"255.255.255.255","cliPort":0,"cliNatIp":"10.42.0.1","cliNatPort":6123}"""
        },
        {
            V720Messages.Forward("00112233445566778899aabbccddeeff", V720Messages.BaseInfoRequest(1700000000)),
            """{"code":301,"target":"00112233445566778899aabbccddeeff","content":{"code":4,"unixTimer":1700000000}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Exact))]
    public void Builds_the_exact_compact_json(string actual, string expected)
    {
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Forward_embeds_spaced_content_as_given()
    {
        var json = V720Messages.Forward("t", """{"code": 202, "IrLed": 1}""");

        Assert.Equal("""{"code":301,"target":"t","content":{"code": 202, "IrLed": 1}}""", json);
    }

    [Fact]
    public void Forward_refuses_content_that_is_not_json()
    {
        Assert.ThrowsAny<JsonException>(() => V720Messages.Forward("t", "{\"code\":"));
    }

    [Fact]
    public void Strings_are_escaped_where_json_requires_and_not_elsewhere()
    {
        var json = V720Messages.UdpResponse("a\"b\\c+<d>", 1);

        Assert.Equal("""{"code":21,"ip":"a\"b\\c+<d>","port":1}""", json);
        using var document = V720Json.TryParseObject(Encoding.UTF8.GetBytes(json));
        Assert.Equal("a\"b\\c+<d>", V720Json.GetString(document!.RootElement, "ip"));
    }

    [Fact]
    public void Messages_read_back_through_the_lenient_reader()
    {
        var framed = V720Writer.JsonToArray(V720Messages.Forward("x", V720Messages.StartMedia()));

        Assert.True(V720Datagram.TryParse(framed, out var header, out var payload));
        Assert.Equal(V720Cmd.Json, header.Cmd);
        using var document = V720Json.TryParseObject(payload);
        Assert.Equal(V720Code.Forward, V720Json.GetCode(document!.RootElement));
        Assert.Equal("""{"code":3}""", V720Json.GetObjectText(document.RootElement, "content"));
    }
}
