using System.Buffers;
using System.Buffers.Binary;

namespace CameraCloud.Codecs.V720.Tests;

public class V720StreamReaderTests
{
    private const int Limit = V720StreamReader.DefaultMaxPayload;

    private static readonly byte[] Register = Captured.Bytes(Captured.RegisterRequest);
    private static readonly byte[] Heartbeat = Captured.Bytes(Captured.Heartbeat);

    [Fact]
    public void Several_messages_in_one_buffer_are_read_one_by_one()
    {
        var buffer = new ReadOnlySequence<byte>([.. Register, .. Heartbeat, .. Heartbeat, .. Register]);
        var cmds = new List<ushort>();

        while (V720StreamReader.TryRead(ref buffer, Limit, out var message) == V720ReadStatus.Message)
        {
            cmds.Add(message!.Cmd);
        }

        Assert.Equal([V720Cmd.Json, V720Cmd.Heartbeat, V720Cmd.Heartbeat, V720Cmd.Json], cmds);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Message_content_is_header_and_exact_payload()
    {
        var buffer = new ReadOnlySequence<byte>([.. Register, .. Heartbeat]);

        Assert.Equal(V720ReadStatus.Message, V720StreamReader.TryRead(ref buffer, Limit, out var message));

        Assert.Equal(87u, message!.Header.PayloadLength);
        Assert.Equal(Register[V720Header.Size..], message.Payload.ToArray());
        Assert.Equal(Heartbeat, buffer.ToArray());
    }

    [Fact]
    public void Every_truncation_point_needs_more_data_and_consumes_nothing()
    {
        for (int length = 0; length < Register.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(Register, 0, length);

            var status = V720StreamReader.TryRead(ref buffer, Limit, out var message);

            Assert.Equal(V720ReadStatus.NeedMoreData, status);
            Assert.Null(message);
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void A_message_split_in_two_segments_at_every_position_is_read_whole()
    {
        for (int at = 0; at <= Register.Length; at++)
        {
            var buffer = Sequences.SplitAt(Register, at);

            Assert.Equal(V720ReadStatus.Message, V720StreamReader.TryRead(ref buffer, Limit, out var message));

            Assert.Equal(Register[V720Header.Size..], message!.Payload.ToArray());
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void Bytes_arriving_one_at_a_time_give_the_message_exactly_when_the_last_arrives()
    {
        var received = new List<byte>();
        for (int i = 0; i < Register.Length; i++)
        {
            received.Add(Register[i]);
            var buffer = new ReadOnlySequence<byte>(received.ToArray());

            var status = V720StreamReader.TryRead(ref buffer, Limit, out _);

            Assert.Equal(i == Register.Length - 1 ? V720ReadStatus.Message : V720ReadStatus.NeedMoreData, status);
        }
    }

    [Fact]
    public void One_byte_segments_hold_several_messages()
    {
        byte[] stream = [.. Heartbeat, .. Register, .. Heartbeat];
        var buffer = Sequences.Bytewise(stream);

        Assert.Equal(V720ReadStatus.Message, V720StreamReader.TryRead(ref buffer, Limit, out var first));
        Assert.Equal(V720ReadStatus.Message, V720StreamReader.TryRead(ref buffer, Limit, out var second));
        Assert.Equal(V720ReadStatus.Message, V720StreamReader.TryRead(ref buffer, Limit, out var third));
        Assert.Equal(V720ReadStatus.NeedMoreData, V720StreamReader.TryRead(ref buffer, Limit, out _));

        Assert.Equal(V720Cmd.Heartbeat, first!.Cmd);
        Assert.Equal(Register[V720Header.Size..], second!.Payload.ToArray());
        Assert.Equal(V720Cmd.Heartbeat, third!.Cmd);
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [InlineData(Limit + 1u)]
    [InlineData(1u << 24)]
    [InlineData(0x80000000u)]
    [InlineData(uint.MaxValue)]
    public void Payload_length_over_the_limit_is_invalid_as_soon_as_the_header_is_in(uint payloadLength)
    {
        var header = Heartbeat.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(header, payloadLength);
        var buffer = new ReadOnlySequence<byte>(header);

        Assert.Equal(V720ReadStatus.Invalid, V720StreamReader.TryRead(ref buffer, Limit, out var message));
        Assert.Null(message);
    }

    [Fact]
    public void Payload_length_at_the_limit_waits_for_the_body()
    {
        var header = Heartbeat.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(header, Limit);
        var buffer = new ReadOnlySequence<byte>(header);

        Assert.Equal(V720ReadStatus.NeedMoreData, V720StreamReader.TryRead(ref buffer, Limit, out _));
    }

    [Fact]
    public void A_smaller_limit_applies()
    {
        var buffer = new ReadOnlySequence<byte>(Register);

        Assert.Equal(V720ReadStatus.Invalid, V720StreamReader.TryRead(ref buffer, 86, out _));
        Assert.Equal(V720ReadStatus.Message, V720StreamReader.TryRead(ref buffer, 87, out _));
    }

    [Fact]
    public void Negative_limit_is_refused()
    {
        var buffer = new ReadOnlySequence<byte>(Heartbeat);

        Assert.Throws<ArgumentOutOfRangeException>(() => V720StreamReader.TryRead(ref buffer, -1, out _));
    }

    [Fact]
    public void Seeded_random_garbage_never_throws_and_never_yields_more_than_the_limit()
    {
        const int limit = 2048;
        var random = new Random(7201);
        for (int iteration = 0; iteration < 2000; iteration++)
        {
            var data = new byte[random.Next(0, 4096)];
            random.NextBytes(data);
            if (random.Next(2) == 0 && data.Length >= 4)
            {
                // Make plausible lengths common, or the reader would mostly see giant ones.
                BinaryPrimitives.WriteUInt32LittleEndian(data, (uint)random.Next(0, 3000));
            }
            var buffer = random.Next(4) == 0 ? Sequences.Bytewise(data) : new ReadOnlySequence<byte>(data);

            V720ReadStatus status;
            while ((status = V720StreamReader.TryRead(ref buffer, limit, out var message)) == V720ReadStatus.Message)
            {
                Assert.True(message!.Payload.Length <= limit);
                Assert.Equal(message.Header.PayloadLength, (uint)message.Payload.Length);
            }
            Assert.True(status is V720ReadStatus.NeedMoreData or V720ReadStatus.Invalid);
        }
    }
}
