using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel.Tests.Codec;

public class TunnelFrameParserTests
{
    public static TheoryData<string, byte[]> OneOfEach => Frames.OneOfEach();

    public static TheoryData<TunnelFrameType> AllTypes => [.. Enum.GetValues<TunnelFrameType>()];

    public static TheoryData<TunnelFrameType> SessionTypes =>
        [TunnelFrameType.Hello, TunnelFrameType.Welcome, TunnelFrameType.Ping, TunnelFrameType.Pong,
         TunnelFrameType.Control, TunnelFrameType.ControlResult, TunnelFrameType.GoAway];

    public static TheoryData<TunnelFrameType> StreamTypes =>
        [TunnelFrameType.Open, TunnelFrameType.OpenOk, TunnelFrameType.Data, TunnelFrameType.Window,
         TunnelFrameType.Close, TunnelFrameType.Reset];

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void Every_frame_type_written_parses_back(string name, byte[] message)
    {
        var status = TunnelFrameParser.TryParse(message, out var header, out var payload, out var error);

        Assert.True(status == TunnelParseStatus.Frame, $"{name}: {error}");
        Assert.Null(error);
        Assert.Equal(TunnelFrameHeader.CurrentVersion, header.Version);
        Assert.Equal(message.Length - 12, (int)header.Length);
        Assert.True(payload.SequenceEqual(message.AsSpan(12)));
    }

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void Every_truncation_point_is_invalid(string name, byte[] message)
    {
        for (int length = 0; length < message.Length; length++)
        {
            var status = TunnelFrameParser.TryParse(message.AsSpan(0, length), out _, out _, out var error);

            Assert.True(status == TunnelParseStatus.Invalid, $"{name} cut to {length} bytes parsed");
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void A_message_longer_than_its_header_says_is_invalid(string name, byte[] message)
    {
        var longer = message.Concat(new byte[] { 0 }).ToArray();

        Assert.True(TunnelFrameParser.TryParse(longer, out _, out _, out var error) == TunnelParseStatus.Invalid, name);
        Assert.Contains("payload bytes", error);
    }

    [Fact]
    public void A_header_length_larger_than_the_message_is_invalid()
    {
        var message = Frames.Raw(1, (byte)TunnelFrameType.Data, 0, 1, 10, new byte[9]);

        Assert.Equal(TunnelParseStatus.Invalid, TunnelFrameParser.TryParse(message, out _, out _, out var error));
        Assert.Equal("header says 10 payload bytes, the message carries 9", error);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void A_payload_over_the_types_limit_is_invalid(TunnelFrameType type)
    {
        uint streamId = TunnelFrameRules.IsSessionFrame(type) ? 0u : 1u;
        var message = Frames.Raw(type, streamId, TunnelFrameRules.MaxPayload(type) + 1);

        Assert.Equal(TunnelParseStatus.Invalid, TunnelFrameParser.TryParse(message, out _, out _, out var error));
        Assert.Contains(type.ToString(), error);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void A_payload_at_the_types_limit_parses(TunnelFrameType type)
    {
        uint streamId = TunnelFrameRules.IsSessionFrame(type) ? 0u : 1u;
        var message = Frames.Raw(type, streamId, TunnelFrameRules.MaxPayload(type));

        Assert.Equal(TunnelParseStatus.Frame, TunnelFrameParser.TryParse(message, out _, out _, out _));
    }

    [Theory]
    [InlineData(TunnelFrameType.Window, 3)]
    [InlineData(TunnelFrameType.Window, 5)]
    [InlineData(TunnelFrameType.Ping, 7)]
    [InlineData(TunnelFrameType.Ping, 9)]
    [InlineData(TunnelFrameType.Pong, 0)]
    [InlineData(TunnelFrameType.Reset, 1)]
    [InlineData(TunnelFrameType.GoAway, 0)]
    [InlineData(TunnelFrameType.OpenOk, 1)]
    [InlineData(TunnelFrameType.Close, 1)]
    [InlineData(TunnelFrameType.Data, 0)]
    [InlineData(TunnelFrameType.Hello, 0)]
    [InlineData(TunnelFrameType.Open, 1)]
    public void A_payload_size_the_type_does_not_allow_is_invalid(TunnelFrameType type, int length)
    {
        uint streamId = TunnelFrameRules.IsSessionFrame(type) ? 0u : 1u;

        Assert.Equal(TunnelParseStatus.Invalid, TunnelFrameParser.TryParse(Frames.Raw(type, streamId, length), out _, out _, out _));
    }

    [Theory]
    [InlineData((byte)0)]
    [InlineData((byte)2)]
    [InlineData((byte)255)]
    public void An_unknown_version_is_invalid(byte version)
    {
        var message = Frames.Raw(version, (byte)TunnelFrameType.Ping, 0, 0, 8, new byte[8]);

        Assert.Equal(TunnelParseStatus.Invalid, TunnelFrameParser.TryParse(message, out _, out _, out var error));
        Assert.Equal($"unknown protocol version {version}", error);
    }

    [Theory]
    [InlineData((byte)0)]
    [InlineData((byte)14)]
    [InlineData((byte)255)]
    public void An_unknown_type_is_invalid(byte type)
    {
        var message = Frames.Raw(1, type, 0, 0, 8, new byte[8]);

        Assert.Equal(TunnelParseStatus.Invalid, TunnelFrameParser.TryParse(message, out _, out _, out var error));
        Assert.Equal($"unknown frame type 0x{type:X2}", error);
    }

    [Theory]
    [MemberData(nameof(SessionTypes))]
    public void A_session_frame_on_a_stream_is_invalid(TunnelFrameType type)
    {
        var message = Frames.Raw(type, 1, TunnelFrameRules.MinPayload(type));

        Assert.Equal(TunnelParseStatus.Invalid, TunnelFrameParser.TryParse(message, out _, out _, out var error));
        Assert.Contains("session frame", error);
    }

    [Theory]
    [MemberData(nameof(StreamTypes))]
    public void A_stream_frame_on_stream_0_is_invalid(TunnelFrameType type)
    {
        var message = Frames.Raw(type, 0, TunnelFrameRules.MinPayload(type));

        Assert.Equal(TunnelParseStatus.Invalid, TunnelFrameParser.TryParse(message, out _, out _, out var error));
        Assert.Contains("stream frame", error);
    }

    [Fact]
    public void Unknown_flag_bits_are_ignored()
    {
        var message = Frames.Raw(1, (byte)TunnelFrameType.Data, 0xFFFF, 9, 3, "abc"u8);

        Assert.Equal(TunnelParseStatus.Frame, TunnelFrameParser.TryParse(message, out var header, out var payload, out _));
        Assert.Equal(0xFFFF, header.Flags);
        Assert.Equal("abc"u8.ToArray(), payload.ToArray());
    }

    [Fact]
    public void Payload_readers_decode_the_fixed_layouts()
    {
        Assert.Equal(0x01020304u, TunnelFrameParser.ReadWindowIncrement([1, 2, 3, 4]));
        Assert.Equal(0x0102030405060708ul, TunnelFrameParser.ReadOpaque([1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Equal(TunnelErrorCode.Timeout, TunnelFrameParser.ReadError([0, 8], out var none));
        Assert.Null(none);
    }

    [Fact]
    public void An_unknown_error_code_and_a_reason_that_is_not_utf8_are_read_without_throwing()
    {
        var code = TunnelFrameParser.ReadError([0xFF, 0xFE, 0xC3, 0x28, 0x41], out var reason);

        Assert.Equal(0xFFFE, (ushort)code);
        Assert.Equal("\uFFFD(A", reason);
    }

    [Fact]
    public void Seeded_random_garbage_never_throws_and_never_yields_an_inconsistent_frame()
    {
        var random = new Random(20261121);
        int frames = 0;
        for (int i = 0; i < 20000; i++)
        {
            var message = new byte[random.Next(0, 96)];
            random.NextBytes(message);
            if (message.Length >= 12 && i % 2 == 0)
            {
                // Half of them with a plausible version and type, so the deeper checks are reached too.
                message[0] = 1;
                message[1] = (byte)random.Next(0, 15);
                if (random.Next(2) == 0)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), (uint)(message.Length - 12));
                }
            }

            if (TunnelFrameParser.TryParse(message, out var header, out var payload, out var error) == TunnelParseStatus.Frame)
            {
                frames++;
                Assert.Null(error);
                Assert.Equal((int)header.Length, payload.Length);
                Assert.True(TunnelFrameRules.TryValidate(header, out _));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
            }
        }
        Assert.True(frames > 0, "the garbage never reached a valid frame; the deeper checks went untested");
    }

    [Fact]
    public void Seeded_mutations_of_valid_frames_never_throw()
    {
        var random = new Random(7);
        var valid = Frames.OneOfEach().Select(row => (byte[])row[1]).ToArray();
        for (int i = 0; i < 20000; i++)
        {
            var message = (byte[])valid[random.Next(valid.Length)].Clone();
            message[random.Next(message.Length)] = (byte)random.Next(256);

            var status = TunnelFrameParser.TryParse(message, out var header, out var payload, out var error);

            Assert.True(status == TunnelParseStatus.Frame ? error is null && payload.Length == header.Length : error is not null);
        }
    }
}
