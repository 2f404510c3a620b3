using System.Text;

namespace CameraCloud.Codecs.V720.Tests;

public class V720JsonTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Camera_hand_formatted_register_request()
    {
        using var json = V720Json.TryParseObject(Utf8("""{"code": 100, "uid": "0800c00128F8", "token": "91edf41f" ,"domain": "v720.naxclow.com"}"""));

        Assert.NotNull(json);
        Assert.Equal(100, V720Json.GetCode(json.RootElement));
        Assert.Equal("91edf41f", V720Json.GetString(json.RootElement, "token"));
        Assert.Equal("v720.naxclow.com", V720Json.GetString(json.RootElement, "domain"));
    }

    [Fact]
    public void Forward_with_spaced_content_object()
    {
        using var json = V720Json.TryParseObject(Utf8("""{"code": 301, "target": "00112233445566778899aabbccddeeff", "content":  {"code": 4, "IrLed": 1, "version": "202212011602"} }"""));

        Assert.NotNull(json);
        Assert.Equal(301, V720Json.GetCode(json.RootElement));
        var content = V720Json.GetObjectText(json.RootElement, "content");
        Assert.NotNull(content);
        using var inner = V720Json.TryParseObject(Utf8(content));
        Assert.Equal(4, V720Json.GetCode(inner!.RootElement));
        Assert.Equal(1, V720Json.GetInt(inner.RootElement, "IrLed"));
    }

    [Theory]
    [InlineData("{\"code\":51}\0")]
    [InlineData("{\"code\":51}\0\0\0\0")]
    [InlineData("{\"code\":51}\r\n")]
    [InlineData("  \t{\"code\":51} \n\0 \0")]
    [InlineData("{\"code\":51,}")]
    public void Trailing_nuls_whitespace_and_commas_are_tolerated(string text)
    {
        using var json = V720Json.TryParseObject(Utf8(text));

        Assert.NotNull(json);
        Assert.Equal(51, V720Json.GetCode(json.RootElement));
    }

    [Theory]
    [InlineData("""{"code":"55","timerStamp":"1676097689000"}""")]
    [InlineData("""{"code":55,"timerStamp":1676097689000}""")]
    public void Numbers_and_numeric_strings_are_interchangeable(string text)
    {
        using var json = V720Json.TryParseObject(Utf8(text));

        Assert.NotNull(json);
        Assert.Equal(55, V720Json.GetCode(json.RootElement));
        Assert.Equal("1676097689000", V720Json.GetString(json.RootElement, "timerStamp"));
        Assert.Null(V720Json.GetInt(json.RootElement, "timerStamp"));
    }

    [Theory]
    [InlineData("""{"code":null}""")]
    [InlineData("""{"code":true}""")]
    [InlineData("""{"code":"abc"}""")]
    [InlineData("""{"code":1.5}""")]
    [InlineData("""{"code":{}}""")]
    [InlineData("""{"other":1}""")]
    public void Code_that_is_not_an_integer_is_null(string text)
    {
        using var json = V720Json.TryParseObject(Utf8(text));

        Assert.NotNull(json);
        Assert.Null(V720Json.GetCode(json.RootElement));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0")]
    [InlineData("   ")]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("{")]
    [InlineData("{\"code\":")]
    [InlineData("{\"code\":1}}")]
    [InlineData("{\"code\":1} {\"code\":2}")]
    [InlineData("{code:1}")]
    [InlineData("{'code':1}")]
    public void Non_objects_and_garbage_give_null(string text)
    {
        Assert.Null(V720Json.TryParseObject(Utf8(text)));
    }

    [Fact]
    public void Deep_nesting_gives_null()
    {
        var text = string.Concat(Enumerable.Repeat("{\"a\":", 64)) + "1" + new string('}', 64);

        Assert.Null(V720Json.TryParseObject(Utf8(text)));
    }

    [Fact]
    public void Moderate_nesting_is_fine()
    {
        var text = string.Concat(Enumerable.Repeat("{\"a\":", 8)) + "1" + new string('}', 8);

        Assert.NotNull(V720Json.TryParseObject(Utf8(text)));
    }

    [Fact]
    public void Invalid_utf8_gives_null()
    {
        byte[] payload = [.. Utf8("{\"code\":1,\"uid\":\""), 0xC3, 0x28, 0xFF, .. Utf8("\"}")];

        Assert.Null(V720Json.TryParseObject(payload));
    }

    [Fact]
    public void Escaped_lone_surrogate_reads_as_null_instead_of_throwing()
    {
        using var json = V720Json.TryParseObject(Utf8("""{"code":"\ud800","uid":"\ud800"}"""));

        Assert.NotNull(json);
        Assert.Null(V720Json.GetString(json.RootElement, "uid"));
        Assert.Null(V720Json.GetCode(json.RootElement));
    }

    [Fact]
    public void Accessors_on_a_non_object_element_give_null()
    {
        using var json = V720Json.TryParseObject(Utf8("""{"list":[1,2]}"""));
        var list = json!.RootElement.GetProperty("list");

        Assert.Null(V720Json.GetCode(list));
        Assert.Null(V720Json.GetString(list, "x"));
        Assert.Null(V720Json.GetObjectText(list, "x"));
        Assert.Null(V720Json.GetObjectText(json.RootElement, "list"));
    }

    [Fact]
    public void Seeded_random_bytes_never_throw()
    {
        var random = new Random(720);
        for (int i = 0; i < 3000; i++)
        {
            var data = new byte[random.Next(0, 200)];
            random.NextBytes(data);
            if (data.Length > 0 && random.Next(2) == 0)
            {
                data[0] = (byte)'{';
            }

            using var json = V720Json.TryParseObject(data);

            if (json is not null)
            {
                _ = V720Json.GetCode(json.RootElement);
                _ = V720Json.GetString(json.RootElement, "uid");
                _ = V720Json.GetObjectText(json.RootElement, "content");
            }
        }
    }
}
