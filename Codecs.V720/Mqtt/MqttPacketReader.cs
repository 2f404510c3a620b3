using System.Buffers;

namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>
/// Reads MQTT 3.1.1 control packets from a byte stream, all fourteen types, so that both the broker
/// side and the camera simulator use it.
/// <code>
/// byte 0      type (high nibble) | flags (low nibble; only PUBLISH's are free: DUP, QoS×2, RETAIN)
/// bytes 1..4  remaining length: 7 bits per byte, least significant first, high bit = more
/// then        variable header and payload (remaining length bytes); integers u16 big-endian,
///             strings and binary data as u16 BE length + bytes
/// </code>
/// Type, flags, the varint and the size limit are checked as soon as the fixed header is in, before
/// waiting for the body.
/// </summary>
public static class MqttPacketReader
{
    /// <summary>The camera's largest packet is a ~330-byte Info PUBLISH; this leaves a wide margin.</summary>
    public const int DefaultMaxPacketSize = 64 * 1024;

    /// <summary>
    /// Tries to take one packet off the front of <paramref name="buffer"/>.
    /// <paramref name="maxPacketSize"/> bounds the whole packet, fixed header included.
    /// </summary>
    public static MqttReadStatus TryRead(ref ReadOnlySequence<byte> buffer, int maxPacketSize, out MqttPacket? packet)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketSize, 2);
        packet = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryRead(out byte first))
        {
            return MqttReadStatus.NeedMoreData;
        }

        int type = first >> 4;
        int flags = first & 0x0F;
        if (!MqttPacketType.HasValidFlags(type, flags))
        {
            return MqttReadStatus.Invalid;
        }

        int remaining = 0;
        for (int i = 0; ; i++)
        {
            if (i == 4)
            {
                return MqttReadStatus.Invalid;
            }
            if (!reader.TryRead(out byte b))
            {
                return MqttReadStatus.NeedMoreData;
            }
            remaining |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        int fixedLength = MqttPacketType.FixedRemainingLength(type);
        if ((fixedLength >= 0 && remaining != fixedLength) || reader.Consumed + remaining > maxPacketSize)
        {
            return MqttReadStatus.Invalid;
        }
        if (reader.Remaining < remaining)
        {
            return MqttReadStatus.NeedMoreData;
        }

        var body = buffer.Slice(reader.Position, remaining);
        packet = body.IsSingleSegment
            ? Parse(type, flags, body.FirstSpan)
            : ParseCopy(type, flags, body, remaining);
        if (packet is null)
        {
            return MqttReadStatus.Invalid;
        }

        buffer = buffer.Slice(body.End);
        return MqttReadStatus.Packet;
    }

    private static MqttPacket? ParseCopy(int type, int flags, ReadOnlySequence<byte> body, int length)
    {
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return Parse(type, flags, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static MqttPacket? Parse(int type, int flags, ReadOnlySpan<byte> body)
    {
        var reader = new MqttBodyReader(body);
        return type switch
        {
            MqttPacketType.Connect => ReadConnect(ref reader),
            MqttPacketType.ConnAck => ReadConnAck(ref reader),
            MqttPacketType.Publish => ReadPublish(ref reader, flags),
            MqttPacketType.PubAck => reader.TryReadUInt16(out ushort id) ? new MqttPubAck(id) : null,
            MqttPacketType.PubRec => reader.TryReadUInt16(out ushort id) ? new MqttPubRec(id) : null,
            MqttPacketType.PubRel => reader.TryReadUInt16(out ushort id) ? new MqttPubRel(id) : null,
            MqttPacketType.PubComp => reader.TryReadUInt16(out ushort id) ? new MqttPubComp(id) : null,
            MqttPacketType.Subscribe => ReadSubscribe(ref reader),
            MqttPacketType.SubAck => ReadSubAck(ref reader),
            MqttPacketType.Unsubscribe => ReadUnsubscribe(ref reader),
            MqttPacketType.UnsubAck => reader.TryReadUInt16(out ushort id) ? new MqttUnsubAck(id) : null,
            MqttPacketType.PingReq => new MqttPingRequest(),
            MqttPacketType.PingResp => new MqttPingResponse(),
            MqttPacketType.Disconnect => new MqttDisconnect(),
            _ => null,
        };
    }

    private static MqttConnect? ReadConnect(ref MqttBodyReader reader)
    {
        if (!reader.TryReadString(out string protocolName)
            || !reader.TryReadByte(out byte level)
            || !reader.TryReadByte(out byte connectFlags)
            || !reader.TryReadUInt16(out ushort keepAlive))
        {
            return null;
        }

        bool cleanSession = (connectFlags & 0x02) != 0;
        if (level is not (MqttConnect.Level311 or MqttConnect.Level31))
        {
            return new MqttConnect(protocolName, level, "", null, null, keepAlive, cleanSession, null, default);
        }

        bool reserved = (connectFlags & 0x01) != 0;
        bool hasWill = (connectFlags & 0x04) != 0;
        byte willQoS = (byte)((connectFlags >> 3) & 0x03);
        bool willRetain = (connectFlags & 0x20) != 0;
        bool hasPassword = (connectFlags & 0x40) != 0;
        bool hasUsername = (connectFlags & 0x80) != 0;
        if (reserved || willQoS == 3 || (!hasWill && (willQoS != 0 || willRetain)) || (hasPassword && !hasUsername))
        {
            return null;
        }

        if (!reader.TryReadString(out string clientId))
        {
            return null;
        }

        string? willTopic = null;
        byte[] willPayload = [];
        if (hasWill)
        {
            if (!reader.TryReadString(out string topic) || !MqttTopics.IsValidTopicName(topic)
                || !reader.TryReadBinary(out var message))
            {
                return null;
            }
            willTopic = topic;
            willPayload = message.ToArray();
        }

        string? username = null;
        string? password = null;
        if (hasUsername)
        {
            if (!reader.TryReadString(out string user))
            {
                return null;
            }
            username = user;
        }
        if (hasPassword)
        {
            if (!reader.TryReadString(out string pass))
            {
                return null;
            }
            password = pass;
        }

        return reader.AtEnd
            ? new MqttConnect(protocolName, level, clientId, username, password, keepAlive, cleanSession,
                willTopic, willPayload, willQoS, willRetain)
            : null;
    }

    private static MqttConnAck? ReadConnAck(ref MqttBodyReader reader)
    {
        if (!reader.TryReadByte(out byte ackFlags) || !reader.TryReadByte(out byte returnCode) || (ackFlags & 0xFE) != 0)
        {
            return null;
        }
        return new MqttConnAck(ackFlags == 1, returnCode);
    }

    private static MqttPublish? ReadPublish(ref MqttBodyReader reader, int flags)
    {
        bool dup = (flags & 0x08) != 0;
        byte qos = (byte)((flags >> 1) & 0x03);
        bool retain = (flags & 0x01) != 0;
        if (qos == 3 || (qos == 0 && dup))
        {
            return null;
        }

        if (!reader.TryReadString(out string topic) || !MqttTopics.IsValidTopicName(topic))
        {
            return null;
        }

        ushort? packetId = null;
        if (qos > 0)
        {
            if (!reader.TryReadUInt16(out ushort id) || id == 0)
            {
                return null;
            }
            packetId = id;
        }

        return new MqttPublish(topic, reader.Rest.ToArray(), qos, retain, dup, packetId);
    }

    private static MqttSubscribe? ReadSubscribe(ref MqttBodyReader reader)
    {
        if (!reader.TryReadUInt16(out ushort packetId) || packetId == 0 || reader.AtEnd)
        {
            return null;
        }

        var subscriptions = new List<MqttSubscription>(1);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadString(out string filter) || !MqttTopics.IsValidTopicFilter(filter)
                || !reader.TryReadByte(out byte qos) || qos > 2)
            {
                return null;
            }
            subscriptions.Add(new MqttSubscription(filter, qos));
        }
        return new MqttSubscribe(packetId, subscriptions);
    }

    private static MqttSubAck? ReadSubAck(ref MqttBodyReader reader)
    {
        if (!reader.TryReadUInt16(out ushort packetId) || reader.AtEnd)
        {
            return null;
        }

        var codes = reader.Rest.ToArray();
        foreach (byte code in codes)
        {
            if (code > 2 && code != MqttSubAck.Failure)
            {
                return null;
            }
        }
        return new MqttSubAck(packetId, codes);
    }

    private static MqttUnsubscribe? ReadUnsubscribe(ref MqttBodyReader reader)
    {
        if (!reader.TryReadUInt16(out ushort packetId) || packetId == 0 || reader.AtEnd)
        {
            return null;
        }

        var filters = new List<string>(1);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadString(out string filter) || !MqttTopics.IsValidTopicFilter(filter))
            {
                return null;
            }
            filters.Add(filter);
        }
        return new MqttUnsubscribe(packetId, filters);
    }
}
