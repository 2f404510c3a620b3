using System.Buffers;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel.Tests.Codec;

/// <summary>Valid frames of every type, and raw message building for invalid ones.</summary>
internal static class Frames
{
    public static byte[] Write(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Write(TunnelFrameType type, uint streamId, ReadOnlySpan<byte> payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        TunnelFrameWriter.Write(buffer, type, streamId, payload);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A header and payload exactly as given, valid or not.</summary>
    public static byte[] Raw(byte version, byte type, ushort flags, uint streamId, uint length, ReadOnlySpan<byte> payload)
    {
        var message = new byte[TunnelFrameHeader.Size + payload.Length];
        new TunnelFrameHeader(version, (TunnelFrameType)type, flags, streamId, length).Write(message);
        payload.CopyTo(message.AsSpan(TunnelFrameHeader.Size));
        return message;
    }

    public static byte[] Raw(TunnelFrameType type, uint streamId, int payloadLength) =>
        Raw(TunnelFrameHeader.CurrentVersion, (byte)type, 0, streamId, (uint)payloadLength, new byte[payloadLength]);

    /// <summary>One valid message of each of the 13 types.</summary>
    public static TheoryData<string, byte[]> OneOfEach() => new()
    {
        { "HELLO", Write(TunnelFrameType.Hello, 0, TunnelMessages.Serialize(Infrastructure.Sample.Hello())) },
        { "WELCOME", Write(TunnelFrameType.Welcome, 0, TunnelMessages.Serialize(Infrastructure.Sample.Welcome())) },
        { "OPEN", Write(TunnelFrameType.Open, 1, TunnelMessages.Serialize(new OpenMessage("rtsp"))) },
        { "OPEN_OK", Write(TunnelFrameType.OpenOk, 1, []) },
        { "DATA", Write(TunnelFrameType.Data, 1, "RTSP/1.0 200 OK\r\n"u8) },
        { "WINDOW", Write(b => TunnelFrameWriter.WriteWindow(b, 1, 65536)) },
        { "CLOSE", Write(TunnelFrameType.Close, 1, []) },
        { "RESET", Write(b => TunnelFrameWriter.WriteReset(b, 1, TunnelErrorCode.TargetUnreachable, "connection refused")) },
        { "PING", Write(b => TunnelFrameWriter.WritePing(b, 42)) },
        { "PONG", Write(b => TunnelFrameWriter.WritePong(b, 42)) },
        { "CONTROL", Write(TunnelFrameType.Control, 0, TunnelMessages.Serialize(new ControlRequestMessage(7, "get-status"))) },
        { "CONTROL_RESULT", Write(TunnelFrameType.ControlResult, 0, TunnelMessages.Serialize(new ControlResultMessage(7, true))) },
        { "GOAWAY", Write(b => TunnelFrameWriter.WriteGoAway(b, TunnelErrorCode.Evicted, "a newer connection took over")) },
    };
}
