using System.Buffers.Binary;

namespace CameraCloud.Codecs.V720;

/// <summary>
/// The CMD 605 retransmission-confirm state of one stream (spec §6.3): the media pkg ids received
/// since the last confirmation, and whether the first frame has ended. The caller owns the timer
/// (every 100 ms after the first frame) and the socket. Not thread-safe.
/// <code>
/// len u32 LE = 4*N | cmd u16 LE 605 | msg_flag 0 | deal_flag 0 | forward_id "00000000" | pkg_id 0
/// | N × u32 LE pkg ids
/// </code>
/// </summary>
public sealed class AckCollector
{
    /// <summary>20 + 4*251 = 1024 bytes, the largest datagram the camera was seen to use.</summary>
    public const int MaxIdsPerDatagram = 251;

    /// <summary>Beyond this, the oldest pending ids are discarded so a stalled timer cannot grow memory.</summary>
    public const int MaxPendingIds = 4096;

    // A ring: ids are confirmed in the order they arrived, and the oldest go first when it is full.
    private uint[]? _ids;
    private int _head;
    private int _count;

    public bool FirstFrameEnded { get; private set; }

    public int PendingCount => _count;

    /// <summary>Ids thrown away because more than <see cref="MaxPendingIds"/> were pending (lifetime total).</summary>
    public long IdsDiscarded { get; private set; }

    /// <summary>Records a media pkg id (video and audio alike).</summary>
    public void Record(uint pkgId)
    {
        _ids ??= new uint[MaxPendingIds];
        if (_count == MaxPendingIds)
        {
            _head = (_head + 1) % MaxPendingIds;
            _count--;
            IdsDiscarded++;
        }
        _ids[(_head + _count) % MaxPendingIds] = pkgId;
        _count++;
    }

    /// <summary>
    /// Call on every 252/255. Returns true exactly once, at the first: the caller then sends
    /// <see cref="EmptyConfirmation"/> at once, then <see cref="TakeConfirmations"/>, and starts its
    /// 100 ms timer (the reference server's sequence).
    /// </summary>
    public bool MarkFrameEnded()
    {
        if (FirstFrameEnded)
        {
            return false;
        }
        FirstFrameEnded = true;
        return true;
    }

    /// <summary>
    /// The 605 datagrams for every id recorded since the previous call, at most
    /// <see cref="MaxIdsPerDatagram"/> ids each, oldest first; clears them. With nothing pending it
    /// returns one empty 605, because the cadence is "every 100 ms, possibly with no ids".
    /// </summary>
    public IReadOnlyList<byte[]> TakeConfirmations()
    {
        if (_count == 0)
        {
            return [EmptyConfirmation()];
        }

        var datagrams = new byte[(_count + MaxIdsPerDatagram - 1) / MaxIdsPerDatagram][];
        int taken = 0;
        for (int d = 0; d < datagrams.Length; d++)
        {
            int n = Math.Min(MaxIdsPerDatagram, _count - taken);
            var datagram = NewConfirmation(n);
            for (int i = 0; i < n; i++)
            {
                uint id = _ids![(_head + taken + i) % MaxPendingIds];
                BinaryPrimitives.WriteUInt32LittleEndian(datagram.AsSpan(V720Header.Size + 4 * i), id);
            }
            taken += n;
            datagrams[d] = datagram;
        }

        _head = 0;
        _count = 0;
        return datagrams;
    }

    /// <summary>The 20-byte 605 with no ids.</summary>
    public static byte[] EmptyConfirmation() => NewConfirmation(0);

    /// <summary>Forgets pending ids and the first-frame mark, for a new stream. <see cref="IdsDiscarded"/> is kept.</summary>
    public void Reset()
    {
        _head = 0;
        _count = 0;
        FirstFrameEnded = false;
    }

    private static byte[] NewConfirmation(int idCount)
    {
        var datagram = new byte[V720Header.Size + 4 * idCount];
        new V720Header((uint)(4 * idCount), V720Cmd.RetransmissionConfirm, 0, 0, V720Header.AsciiZeroForwardId, 0)
            .Write(datagram);
        return datagram;
    }
}
