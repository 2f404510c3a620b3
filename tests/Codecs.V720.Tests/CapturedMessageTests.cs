namespace CameraCloud.Codecs.V720.Tests;

/// <summary>Real camera and server messages parse to the fields the capture notes recorded.</summary>
public class CapturedMessageTests
{
    [Fact]
    public void Register_request_from_the_camera()
    {
        Assert.True(V720Datagram.TryParse(Captured.Bytes(Captured.RegisterRequest), out var header, out var payload));

        Assert.Equal(new V720Header(87, V720Cmd.Json, 0, 0, 0, 0), header);
        using var json = V720Json.TryParseObject(payload);
        Assert.NotNull(json);
        var root = json.RootElement;
        Assert.Equal(V720Code.RegisterRequest, V720Json.GetCode(root));
        Assert.Equal(Captured.Uid, V720Json.GetString(root, "uid"));
        Assert.Equal("91edf41f", V720Json.GetString(root, "token"));
        Assert.Equal("v720.naxclow.com", V720Json.GetString(root, "domain"));
    }

    [Theory]
    [InlineData(Captured.RegisterResponseVendor, 25u, 0xFF, 0xFFFFFFFFFFFFFFFFUL)]
    [InlineData(Captured.RegisterResponseReference, 28u, 0x00, V720Header.AsciiZeroForwardId)]
    public void Register_responses_from_the_vendor_and_the_reference_server(string hex, uint length, byte msgFlag, ulong forwardId)
    {
        Assert.True(V720Datagram.TryParse(Captured.Bytes(hex), out var header, out var payload));

        Assert.Equal(length, header.PayloadLength);
        Assert.Equal(V720Cmd.Json, header.Cmd);
        Assert.Equal(msgFlag, header.MsgFlag);
        Assert.Equal(0, header.DealFlag);
        Assert.Equal(forwardId, header.ForwardId);
        using var json = V720Json.TryParseObject(payload);
        Assert.NotNull(json);
        Assert.Equal(V720Code.RegisterResponse, V720Json.GetCode(json.RootElement));
        Assert.Equal(200, V720Json.GetInt(json.RootElement, "status"));
    }

    [Fact]
    public void Vendor_register_response_carries_msg_flag_255_on_json()
    {
        var header = V720Header.Read(Captured.Bytes(Captured.RegisterResponseVendor));

        Assert.Equal(V720MsgFlag.Whole, header.MsgFlag);
        Assert.Equal(0, header.DealFlag);
        Assert.Equal(0u, header.PkgId);
    }

    [Fact]
    public void Heartbeat_from_the_camera()
    {
        Assert.True(V720Datagram.TryParse(Captured.Bytes(Captured.Heartbeat), out var header, out var payload));

        Assert.Equal(new V720Header(0, V720Cmd.Heartbeat, 0, 0, 0, 0), header);
        Assert.True(payload.IsEmpty);
    }

    [Theory]
    [InlineData(Captured.JpegMiddleFragmentPrefix, 1004u, V720MsgFlag.Middle, 2803u)]
    [InlineData(Captured.JpegMiddleFragment2Prefix, 1004u, V720MsgFlag.Middle, 2826u)]
    [InlineData(Captured.JpegLastFragmentPrefix, 680u, V720MsgFlag.Last, 2827u)]
    public void Jpeg_fragment_headers(string hex, uint length, byte flag, uint pkgId)
    {
        var header = V720Header.Read(Captured.Bytes(hex));

        Assert.Equal(new V720Header(length, V720Cmd.Jpeg, flag, 0, 0, pkgId), header);
    }

    [Fact]
    public void A_prefix_of_a_fragment_is_not_a_whole_datagram()
    {
        Assert.False(V720Datagram.TryParse(Captured.Bytes(Captured.JpegMiddleFragmentPrefix), out _, out _));
    }

    [Fact]
    public void Confirm_605_header()
    {
        var header = V720Header.Read(Captured.Bytes(Captured.Confirm605Prefix));

        Assert.Equal(new V720Header(104, V720Cmd.RetransmissionConfirm, 0, 0, V720Header.AsciiZeroForwardId, 0), header);
    }

    [Fact]
    public void Register_response_built_by_us_is_the_vendor_payload_with_our_header()
    {
        var bytes = V720Writer.JsonToArray(V720Messages.RegisterResponse());
        var vendor = Captured.Bytes(Captured.RegisterResponseVendor);

        Assert.Equal(vendor[V720Header.Size..], bytes[V720Header.Size..]);
        Assert.Equal(new V720Header(25, V720Cmd.Json, 0, 0, V720Header.AsciiZeroForwardId, 0), V720Header.Read(bytes));
    }

    [Theory]
    [InlineData(Captured.RegisterRequest)]
    [InlineData(Captured.RegisterResponseVendor)]
    [InlineData(Captured.RegisterResponseReference)]
    [InlineData(Captured.Heartbeat)]
    [InlineData(Captured.HeartbeatReply)]
    [InlineData(Captured.JpegMiddleFragmentPrefix)]
    [InlineData(Captured.JpegLastFragmentPrefix)]
    [InlineData(Captured.Confirm605Prefix)]
    public void Captured_headers_write_back_to_the_same_bytes(string hex)
    {
        var bytes = Captured.Bytes(hex);
        var written = new byte[V720Header.Size];

        V720Header.Read(bytes).Write(written);

        Assert.Equal(bytes[..V720Header.Size], written);
    }
}
