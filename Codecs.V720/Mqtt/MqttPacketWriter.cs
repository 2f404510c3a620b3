using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>
/// Writes MQTT 3.1.1 control packets (layout in <see cref="MqttPacketReader"/>): the broker's answers,
/// and the client packets the camera simulator sends. It refuses to write what the reader would
/// reject, so a round trip always gives the packet back.
/// </summary>
public static class MqttPacketWriter
{
    /// <summary>The largest remaining length four varint bytes can carry.</summary>
    public const int MaxRemainingLength = 268_435_455;

    public static void WriteConnAck(IBufferWriter<byte> output, bool sessionPresent, byte returnCode)
    {
        var span = BeginFixed(output, MqttPacketType.ConnAck << 4, 2);
        span[0] = sessionPresent ? (byte)1 : (byte)0;
        span[1] = returnCode;
        output.Advance(4);
    }

    public static void WriteSubAck(IBufferWriter<byte> output, ushort packetId, IReadOnlyList<byte> grantedQoS)
    {
        if (grantedQoS.Count == 0)
        {
            throw new ArgumentException("A SUBACK answers at least one subscription.", nameof(grantedQoS));
        }
        foreach (byte code in grantedQoS)
        {
            if (code > 2 && code != MqttSubAck.Failure)
            {
                throw new ArgumentOutOfRangeException(nameof(grantedQoS), code, "A SUBACK code is 0, 1, 2 or 0x80.");
            }
        }

        int remaining = 2 + grantedQoS.Count;
        var span = Begin(output, MqttPacketType.SubAck << 4, remaining, out int headerLength);
        BinaryPrimitives.WriteUInt16BigEndian(span, packetId);
        for (int i = 0; i < grantedQoS.Count; i++)
        {
            span[2 + i] = grantedQoS[i];
        }
        output.Advance(headerLength + remaining);
    }

    public static void WriteUnsubAck(IBufferWriter<byte> output, ushort packetId) =>
        WritePacketId(output, MqttPacketType.UnsubAck << 4, packetId);

    public static void WritePubAck(IBufferWriter<byte> output, ushort packetId) =>
        WritePacketId(output, MqttPacketType.PubAck << 4, packetId);

    public static void WritePubRec(IBufferWriter<byte> output, ushort packetId) =>
        WritePacketId(output, MqttPacketType.PubRec << 4, packetId);

    public static void WritePubRel(IBufferWriter<byte> output, ushort packetId) =>
        WritePacketId(output, (MqttPacketType.PubRel << 4) | 0b0010, packetId);

    public static void WritePubComp(IBufferWriter<byte> output, ushort packetId) =>
        WritePacketId(output, MqttPacketType.PubComp << 4, packetId);

    public static void WritePingReq(IBufferWriter<byte> output) => WriteEmpty(output, MqttPacketType.PingReq << 4);

    public static void WritePingResp(IBufferWriter<byte> output) => WriteEmpty(output, MqttPacketType.PingResp << 4);

    public static void WriteDisconnect(IBufferWriter<byte> output) => WriteEmpty(output, MqttPacketType.Disconnect << 4);

    /// <summary>A PUBLISH; <paramref name="packetId"/> is required (non-zero) for QoS 1 and 2 and not written for QoS 0.</summary>
    public static void WritePublish(IBufferWriter<byte> output, string topic, ReadOnlySpan<byte> payload,
        byte qos = 0, ushort packetId = 0, bool retain = false, bool dup = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qos, (byte)2);
        if (!MqttTopics.IsValidTopicName(topic))
        {
            throw new ArgumentException("A PUBLISH topic is not empty and has no wildcards.", nameof(topic));
        }
        if (qos > 0 && packetId == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(packetId), "QoS 1 and 2 need a non-zero packet id.");
        }
        if (qos == 0 && dup)
        {
            throw new ArgumentException("DUP is never set at QoS 0.", nameof(dup));
        }

        int topicLength = StringLength(topic, nameof(topic));
        long remaining = 2L + topicLength + (qos > 0 ? 2 : 0) + payload.Length;
        int first = (MqttPacketType.Publish << 4) | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 1 : 0);
        var span = Begin(output, first, remaining, out int headerLength);
        int position = PutString(span, topic, topicLength);
        if (qos > 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[position..], packetId);
            position += 2;
        }
        payload.CopyTo(span[position..]);
        output.Advance(headerLength + (int)remaining);
    }

    /// <summary>A 3.1.1 CONNECT ("MQTT", level 4). A will is written when <paramref name="willTopic"/> is set.</summary>
    public static void WriteConnect(IBufferWriter<byte> output, string clientId, string? username = null,
        string? password = null, ushort keepAliveSeconds = 60, bool cleanSession = true, string? willTopic = null,
        ReadOnlySpan<byte> willPayload = default, byte willQoS = 0, bool willRetain = false)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(willQoS, (byte)2);
        if (password is not null && username is null)
        {
            throw new ArgumentException("MQTT 3.1.1 allows a password only with a username.", nameof(password));
        }
        if (willTopic is null && (willQoS != 0 || willRetain || !willPayload.IsEmpty))
        {
            throw new ArgumentException("Will QoS, retain and payload need a will topic.", nameof(willTopic));
        }
        if (willTopic is not null && !MqttTopics.IsValidTopicName(willTopic))
        {
            throw new ArgumentException("A will topic is not empty and has no wildcards.", nameof(willTopic));
        }
        if (willPayload.Length > ushort.MaxValue)
        {
            throw new ArgumentException("A will payload is at most 65535 bytes.", nameof(willPayload));
        }

        int clientIdLength = StringLength(clientId, nameof(clientId));
        int willTopicLength = willTopic is null ? 0 : StringLength(willTopic, nameof(willTopic));
        int usernameLength = username is null ? 0 : StringLength(username, nameof(username));
        int passwordLength = password is null ? 0 : StringLength(password, nameof(password));

        long remaining = 10 + 2 + clientIdLength
            + (willTopic is null ? 0 : 2 + willTopicLength + 2 + willPayload.Length)
            + (username is null ? 0 : 2 + usernameLength)
            + (password is null ? 0 : 2 + passwordLength);
        byte flags = (byte)((username is null ? 0 : 0x80) | (password is null ? 0 : 0x40) | (willRetain ? 0x20 : 0)
            | (willQoS << 3) | (willTopic is null ? 0 : 0x04) | (cleanSession ? 0x02 : 0));

        var span = Begin(output, MqttPacketType.Connect << 4, remaining, out int headerLength);
        int position = PutString(span, "MQTT", 4);
        span[position++] = MqttConnect.Level311;
        span[position++] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(span[position..], keepAliveSeconds);
        position += 2;
        position += PutString(span[position..], clientId, clientIdLength);
        if (willTopic is not null)
        {
            position += PutString(span[position..], willTopic, willTopicLength);
            BinaryPrimitives.WriteUInt16BigEndian(span[position..], (ushort)willPayload.Length);
            willPayload.CopyTo(span[(position + 2)..]);
            position += 2 + willPayload.Length;
        }
        if (username is not null)
        {
            position += PutString(span[position..], username, usernameLength);
        }
        if (password is not null)
        {
            PutString(span[position..], password, passwordLength);
        }
        output.Advance(headerLength + (int)remaining);
    }

    public static void WriteSubscribe(IBufferWriter<byte> output, ushort packetId, IReadOnlyList<MqttSubscription> subscriptions)
    {
        ArgumentOutOfRangeException.ThrowIfZero(packetId);
        if (subscriptions.Count == 0)
        {
            throw new ArgumentException("A SUBSCRIBE carries at least one subscription.", nameof(subscriptions));
        }

        var lengths = new int[subscriptions.Count];
        long remaining = 2;
        for (int i = 0; i < subscriptions.Count; i++)
        {
            var subscription = subscriptions[i];
            if (!MqttTopics.IsValidTopicFilter(subscription.TopicFilter) || subscription.QoS > 2)
            {
                throw new ArgumentException($"Invalid subscription '{subscription.TopicFilter}' QoS {subscription.QoS}.", nameof(subscriptions));
            }
            lengths[i] = StringLength(subscription.TopicFilter, nameof(subscriptions));
            remaining += 2 + lengths[i] + 1;
        }

        var span = Begin(output, (MqttPacketType.Subscribe << 4) | 0b0010, remaining, out int headerLength);
        BinaryPrimitives.WriteUInt16BigEndian(span, packetId);
        int position = 2;
        for (int i = 0; i < subscriptions.Count; i++)
        {
            position += PutString(span[position..], subscriptions[i].TopicFilter, lengths[i]);
            span[position++] = subscriptions[i].QoS;
        }
        output.Advance(headerLength + (int)remaining);
    }

    public static void WriteUnsubscribe(IBufferWriter<byte> output, ushort packetId, IReadOnlyList<string> topicFilters)
    {
        ArgumentOutOfRangeException.ThrowIfZero(packetId);
        if (topicFilters.Count == 0)
        {
            throw new ArgumentException("An UNSUBSCRIBE carries at least one topic filter.", nameof(topicFilters));
        }

        var lengths = new int[topicFilters.Count];
        long remaining = 2;
        for (int i = 0; i < topicFilters.Count; i++)
        {
            if (!MqttTopics.IsValidTopicFilter(topicFilters[i]))
            {
                throw new ArgumentException($"Invalid topic filter '{topicFilters[i]}'.", nameof(topicFilters));
            }
            lengths[i] = StringLength(topicFilters[i], nameof(topicFilters));
            remaining += 2 + lengths[i];
        }

        var span = Begin(output, (MqttPacketType.Unsubscribe << 4) | 0b0010, remaining, out int headerLength);
        BinaryPrimitives.WriteUInt16BigEndian(span, packetId);
        int position = 2;
        for (int i = 0; i < topicFilters.Count; i++)
        {
            position += PutString(span[position..], topicFilters[i], lengths[i]);
        }
        output.Advance(headerLength + (int)remaining);
    }

    private static void WritePacketId(IBufferWriter<byte> output, int first, ushort packetId)
    {
        var span = BeginFixed(output, first, 2);
        BinaryPrimitives.WriteUInt16BigEndian(span, packetId);
        output.Advance(4);
    }

    private static void WriteEmpty(IBufferWriter<byte> output, int first)
    {
        BeginFixed(output, first, 0);
        output.Advance(2);
    }

    /// <summary>Writes the 2-byte fixed header of a short packet and returns the span after it.</summary>
    private static Span<byte> BeginFixed(IBufferWriter<byte> output, int first, byte remaining)
    {
        var span = output.GetSpan(2 + remaining);
        span[0] = (byte)first;
        span[1] = remaining;
        return span[2..];
    }

    /// <summary>Writes the fixed header and returns the span for the body; the caller advances.</summary>
    private static Span<byte> Begin(IBufferWriter<byte> output, int first, long remaining, out int headerLength)
    {
        if (remaining > MaxRemainingLength)
        {
            throw new ArgumentException($"An MQTT packet body is at most {MaxRemainingLength} bytes, not {remaining}.");
        }

        int length = (int)remaining;
        headerLength = 1 + VarIntLength(length);
        var span = output.GetSpan(headerLength + length);
        span[0] = (byte)first;
        int position = 1;
        do
        {
            byte b = (byte)(length & 0x7F);
            length >>= 7;
            span[position++] = length > 0 ? (byte)(b | 0x80) : b;
        }
        while (length > 0);
        return span.Slice(headerLength, (int)remaining);
    }

    private static int VarIntLength(int value) => value switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };

    private static int StringLength(string value, string parameterName)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException("An MQTT string is at most 65535 bytes of UTF-8.", parameterName);
        }
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An MQTT string cannot contain U+0000.", parameterName);
        }
        return length;
    }

    private static int PutString(Span<byte> destination, string value, int byteLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)byteLength);
        Encoding.UTF8.GetBytes(value, destination[2..]);
        return 2 + byteLength;
    }
}
