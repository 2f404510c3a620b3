using System.Text;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel.Tests.Codec;

public class TunnelFrameWriterTests
{
    [Fact]
    public void Window_of_65536_on_stream_3_is_the_documented_bytes()
    {
        var bytes = Frames.Write(b => TunnelFrameWriter.WriteWindow(b, 3, 65536));

        Assert.Equal("01" + "06" + "0000" + "00000003" + "00000004" + "00010000", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Data_is_header_then_payload_big_endian()
    {
        var bytes = Frames.Write(TunnelFrameType.Data, 0x01020304, "hi"u8);

        Assert.Equal("01" + "05" + "0000" + "01020304" + "00000002" + "6869", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Ping_and_pong_carry_the_8_opaque_bytes()
    {
        Assert.Equal("01" + "09" + "0000" + "00000000" + "00000008" + "0102030405060708",
            Convert.ToHexString(Frames.Write(b => TunnelFrameWriter.WritePing(b, 0x0102030405060708))));
        Assert.Equal("01" + "0A" + "0000" + "00000000" + "00000008" + "0102030405060708",
            Convert.ToHexString(Frames.Write(b => TunnelFrameWriter.WritePong(b, 0x0102030405060708))));
    }

    [Fact]
    public void Reset_is_the_code_then_the_utf8_reason()
    {
        var bytes = Frames.Write(b => TunnelFrameWriter.WriteReset(b, 5, TunnelErrorCode.FlowControl, "x"));

        Assert.Equal("01" + "08" + "0000" + "00000005" + "00000003" + "0005" + "78", Convert.ToHexString(bytes));
    }

    [Fact]
    public void GoAway_without_reason_is_the_code_alone_on_stream_0()
    {
        var bytes = Frames.Write(b => TunnelFrameWriter.WriteGoAway(b, TunnelErrorCode.Evicted, null));

        Assert.Equal("01" + "0D" + "0000" + "00000000" + "00000002" + "0009", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Open_ok_and_close_have_empty_payloads()
    {
        Assert.Equal("01" + "04" + "0000" + "00000007" + "00000000", Convert.ToHexString(Frames.Write(TunnelFrameType.OpenOk, 7, [])));
        Assert.Equal("01" + "07" + "0000" + "00000007" + "00000000", Convert.ToHexString(Frames.Write(TunnelFrameType.Close, 7, [])));
    }

    [Fact]
    public void Open_carries_the_target_as_camel_case_json()
    {
        var bytes = Frames.Write(b => TunnelFrameWriter.WriteJson(b, TunnelFrameType.Open, 1, new OpenMessage("rtsp"), TunnelJsonContext.Default.OpenMessage));

        var json = "{\"target\":\"rtsp\"}"u8.ToArray();
        Assert.Equal("01" + "03" + "0000" + "00000001" + json.Length.ToString("X8") + Convert.ToHexString(json), Convert.ToHexString(bytes));
    }

    [Fact]
    public void A_long_reason_is_cut_to_the_limit_on_a_character_boundary()
    {
        // 'a' then 600 two-byte characters: 1201 bytes; 1 + 511 × 2 = 1023 fit in 1024.
        var reason = "a" + new string('é', 600);

        var bytes = Frames.Write(b => TunnelFrameWriter.WriteReset(b, 1, TunnelErrorCode.Internal, reason));

        Assert.Equal(TunnelParseStatus.Frame, TunnelFrameParser.TryParse(bytes, out var header, out var payload, out _));
        Assert.Equal(2u + 1023u, header.Length);
        Assert.True(System.Text.Unicode.Utf8.IsValid(payload[2..]));
        TunnelFrameParser.ReadError(payload, out var read);
        Assert.Equal(reason[..512], read);
    }

    [Theory]
    [InlineData(TunnelFrameType.Data, 1u, 0)]
    [InlineData(TunnelFrameType.Data, 1u, TunnelLimits.MaxDataPayload + 1)]
    [InlineData(TunnelFrameType.Data, 0u, 10)]
    [InlineData(TunnelFrameType.Ping, 1u, 8)]
    [InlineData(TunnelFrameType.Window, 1u, 3)]
    [InlineData(TunnelFrameType.Hello, 0u, TunnelLimits.MaxHelloPayload + 1)]
    [InlineData(TunnelFrameType.Control, 0u, TunnelLimits.MaxJsonPayload + 1)]
    public void Writing_a_frame_the_peer_would_refuse_throws(TunnelFrameType type, uint streamId, int payloadLength)
    {
        Assert.Throws<ArgumentException>(() => Frames.Write(type, streamId, new byte[payloadLength]));
    }

    [Fact]
    public void Writing_an_unknown_type_throws()
    {
        Assert.Throws<ArgumentException>(() => Frames.Write((TunnelFrameType)14, 0, new byte[2]));
    }

    [Fact]
    public void Write_appends_to_what_the_buffer_already_holds()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        TunnelFrameWriter.WritePing(buffer, 1);
        TunnelFrameWriter.WritePong(buffer, 1);

        Assert.Equal(40, buffer.WrittenCount);
        Assert.Equal((byte)TunnelFrameType.Pong, buffer.WrittenSpan[21]);
    }

    [Fact]
    public void Encoded_reason_round_trips_through_ReadError()
    {
        Span<byte> payload = stackalloc byte[2 + TunnelLimits.MaxReasonBytes];
        int length = TunnelFrameWriter.EncodeError(payload, TunnelErrorCode.Revoked, "agent deleted");

        Assert.Equal(TunnelErrorCode.Revoked, TunnelFrameParser.ReadError(payload[..length], out var reason));
        Assert.Equal("agent deleted", reason);
        Assert.Equal(2 + Encoding.UTF8.GetByteCount("agent deleted"), length);
    }
}
