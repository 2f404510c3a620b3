using System.Buffers;
using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

/// <summary>
/// One whole frame (header and payload) in a pooled buffer, sent as one WebSocket message.
/// <see cref="Stream"/> is set for DATA and CLOSE so the writer can drop them once the stream is
/// reset and tell the stream when its CLOSE is on the wire.
/// </summary>
internal readonly struct OutgoingFrame(byte[] buffer, int length, TunnelFrameType type, TunnelStream? stream = null)
{
    public byte[] Buffer { get; } = buffer;
    public int Length { get; } = length;
    public TunnelFrameType Type { get; } = type;
    public TunnelStream? Stream { get; } = stream;

    /// <summary>True when the frame took a slot of its queue's bound (and gives it back when dequeued).</summary>
    public bool HoldsSlot { get; init; }

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}
