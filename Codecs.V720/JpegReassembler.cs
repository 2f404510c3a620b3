using System.Buffers;
using System.Buffers.Binary;

namespace CameraCloud.Codecs.V720;

/// <summary>
/// Rebuilds the JPEG frames of one camera from its cmd-1 UDP packets (spec §6.1). Not thread-safe:
/// one receive loop owns it.
/// <code>
/// msg_flag 250  first fragment: starts a frame (an unfinished one is dropped)
///          251  middle fragment
///          252  last fragment: the frame is complete if pkg ids run without gaps from the 250's
///          255  a whole frame in one packet
/// frame = fragments by pkg_id, concatenated = JPEG (FF D8 … FF D9) + trailer
/// trailer (5 bytes) = 1 unknown byte | u32 LE JPEG length
/// </code>
/// </summary>
/// <remarks>
/// Fragments nearly always arrive in order, so payloads are appended to one pooled buffer and only
/// an index of (pkg id, offset, length) is kept; the index is sorted only when something arrived
/// out of order. Give it every media packet of the camera, audio included: audio pkg ids that fall
/// inside a frame are remembered so that a counter shared by audio and video is not taken for gaps.
/// </remarks>
public sealed class JpegReassembler
{
    public const int DefaultMaxFrameBytes = 512 * 1024;

    private const int TrailerSize = 5;
    private const int InitialBufferBytes = 32 * 1024;

    private readonly int _maxFrameBytes;
    private readonly FragmentSet _fragments = new();
    private byte[]? _buffer;
    private int _length;
    private State _state;

    // The pkg ids of the last frame that ended (completed or not): retransmissions of its packets
    // are ignored instead of being taken for a new frame that lost its start.
    private bool _hasClosed;
    private uint _closedFirst;
    private uint _closedLast;

    public JpegReassembler(int maxFrameBytes = DefaultMaxFrameBytes)
    {
        // The smallest JPEG (FF D8 FF D9) plus its trailer.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameBytes, 4 + TrailerSize);
        _maxFrameBytes = maxFrameBytes;
    }

    private enum State
    {
        Idle,
        Collecting,

        // The frame was already counted as dropped; swallow the rest of it until the next 250/255.
        Discarding,
    }

    public long FramesCompleted { get; private set; }

    public long FramesDroppedIncomplete { get; private set; }

    public long FramesDroppedCorrupt { get; private set; }

    /// <summary>
    /// Feeds one packet. On <see cref="ReassemblyStatus.Completed"/>, <paramref name="frame"/> is the
    /// exact JPEG (FF D8 … FF D9, trailer removed) in a fresh array the caller owns; otherwise null.
    /// </summary>
    /// <remarks>
    /// A 250 that replaces an unfinished frame reports <see cref="ReassemblyStatus.DroppedIncomplete"/>
    /// (the new frame is in progress all the same); a 255 that interrupts one counts the drop and
    /// reports its own outcome.
    /// </remarks>
    public ReassemblyStatus Accept(in V720Header header, ReadOnlySpan<byte> payload, out byte[]? frame)
    {
        frame = null;
        if (header.Cmd != V720Cmd.Jpeg)
        {
            if (_state == State.Collecting && header.Cmd is V720Cmd.G711ALaw or V720Cmd.Pcm)
            {
                _fragments.NoteAudio(header.PkgId);
            }
            return ReassemblyStatus.Ignored;
        }

        return header.MsgFlag switch
        {
            V720MsgFlag.First => OnFirst(header.PkgId, payload),
            V720MsgFlag.Middle => OnMiddle(header.PkgId, payload),
            V720MsgFlag.Last => OnLast(header.PkgId, payload, out frame),
            V720MsgFlag.Whole => OnWhole(header.PkgId, payload, out frame),
            _ => ReassemblyStatus.Ignored,
        };
    }

    /// <summary>Forgets the frame in progress (the stream stopped) and releases the buffer; not counted as a drop.</summary>
    public void Reset()
    {
        _state = State.Idle;
        _length = 0;
        _hasClosed = false;
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private ReassemblyStatus OnFirst(uint pkgId, ReadOnlySpan<byte> payload)
    {
        if ((_state == State.Collecting && pkgId == _fragments.FirstId) || IsInClosedFrame(pkgId))
        {
            return ReassemblyStatus.Ignored;
        }

        var status = ReassemblyStatus.Pending;
        if (_state == State.Collecting)
        {
            FramesDroppedIncomplete++;
            status = ReassemblyStatus.DroppedIncomplete;
        }

        _state = State.Collecting;
        _length = 0;
        _fragments.Start(pkgId);
        var added = Append(pkgId, payload);
        return added == ReassemblyStatus.Pending ? status : added;
    }

    private ReassemblyStatus OnMiddle(uint pkgId, ReadOnlySpan<byte> payload)
    {
        switch (_state)
        {
            case State.Collecting:
                return Append(pkgId, payload);
            case State.Discarding:
                return ReassemblyStatus.Ignored;
            default:
                if (IsInClosedFrame(pkgId))
                {
                    return ReassemblyStatus.Ignored;
                }
                FramesDroppedIncomplete++;
                _state = State.Discarding;
                return ReassemblyStatus.DroppedIncomplete;
        }
    }

    private ReassemblyStatus OnLast(uint pkgId, ReadOnlySpan<byte> payload, out byte[]? frame)
    {
        frame = null;
        switch (_state)
        {
            case State.Discarding:
                _state = State.Idle;
                return ReassemblyStatus.Ignored;
            case State.Idle:
                if (IsInClosedFrame(pkgId))
                {
                    return ReassemblyStatus.Ignored;
                }
                FramesDroppedIncomplete++;
                return ReassemblyStatus.DroppedIncomplete;
        }

        var added = Append(pkgId, payload);
        if (added == ReassemblyStatus.Ignored)
        {
            return added;
        }

        uint firstId = _fragments.FirstId;
        if (_fragments.Locate(pkgId, out _) != FragmentPlacement.InWindow)
        {
            // A last id far beyond the window must not become a closed range that hides later frames.
            _state = State.Idle;
            return added;
        }

        Close(firstId, pkgId);
        if (added != ReassemblyStatus.Pending)
        {
            return added;
        }

        if (!_fragments.IsComplete((int)(pkgId - firstId)))
        {
            FramesDroppedIncomplete++;
            return ReassemblyStatus.DroppedIncomplete;
        }

        if (!_fragments.IsOrdered)
        {
            PutInOrder();
        }
        return Emit(_buffer.AsSpan(0, _length), acceptWithoutTrailer: false, out frame);
    }

    private ReassemblyStatus OnWhole(uint pkgId, ReadOnlySpan<byte> payload, out byte[]? frame)
    {
        frame = null;
        if (IsInClosedFrame(pkgId))
        {
            return ReassemblyStatus.Ignored;
        }

        if (_state == State.Collecting)
        {
            FramesDroppedIncomplete++;
        }
        Close(pkgId, pkgId);

        if (payload.Length > _maxFrameBytes)
        {
            FramesDroppedCorrupt++;
            return ReassemblyStatus.DroppedCorrupt;
        }
        return Emit(payload, acceptWithoutTrailer: true, out frame);
    }

    /// <summary>Adds a fragment to the frame in progress; drops the frame when it can no longer be good.</summary>
    private ReassemblyStatus Append(uint pkgId, ReadOnlySpan<byte> payload)
    {
        switch (_fragments.Locate(pkgId, out int rel))
        {
            case FragmentPlacement.Stale:
                return ReassemblyStatus.Ignored;
            case FragmentPlacement.Beyond:
                _state = State.Discarding;
                FramesDroppedIncomplete++;
                return ReassemblyStatus.DroppedIncomplete;
        }

        if (_fragments.HasVideo(rel))
        {
            return ReassemblyStatus.Ignored;
        }

        if (payload.Length > _maxFrameBytes - _length)
        {
            _state = State.Discarding;
            FramesDroppedCorrupt++;
            return ReassemblyStatus.DroppedCorrupt;
        }

        EnsureCapacity(_length + payload.Length);
        payload.CopyTo(_buffer.AsSpan(_length));
        _fragments.AddVideo(rel, _length, payload.Length);
        _length += payload.Length;
        return ReassemblyStatus.Pending;
    }

    private ReassemblyStatus Emit(ReadOnlySpan<byte> data, bool acceptWithoutTrailer, out byte[]? frame)
    {
        frame = null;
        ReadOnlySpan<byte> jpeg;
        if (data.Length >= TrailerSize
            && BinaryPrimitives.ReadUInt32LittleEndian(data[^4..]) == (uint)(data.Length - TrailerSize)
            && IsJpeg(data[..^TrailerSize]))
        {
            jpeg = data[..^TrailerSize];
        }
        else if (acceptWithoutTrailer && IsJpeg(data))
        {
            jpeg = data;
        }
        else
        {
            FramesDroppedCorrupt++;
            return ReassemblyStatus.DroppedCorrupt;
        }

        frame = jpeg.ToArray();
        FramesCompleted++;
        return ReassemblyStatus.Completed;
    }

    private static bool IsJpeg(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && data[0] == 0xFF && data[1] == 0xD8 && data[^2] == 0xFF && data[^1] == 0xD9;

    private bool IsInClosedFrame(uint pkgId) => _hasClosed && pkgId - _closedFirst <= _closedLast - _closedFirst;

    private void Close(uint firstId, uint lastId)
    {
        _state = State.Idle;
        _hasClosed = true;
        _closedFirst = firstId;
        _closedLast = lastId;
    }

    /// <summary>Copies the fragments into a second pooled buffer in pkg id order, then swaps the buffers.</summary>
    private void PutInOrder()
    {
        var ordered = ArrayPool<byte>.Shared.Rent(Math.Max(_length, InitialBufferBytes));
        int position = 0;
        foreach (var fragment in _fragments.Sorted())
        {
            _buffer.AsSpan(fragment.Offset, fragment.Length).CopyTo(ordered.AsSpan(position));
            position += fragment.Length;
        }
        ArrayPool<byte>.Shared.Return(_buffer!);
        _buffer = ordered;
    }

    private void EnsureCapacity(int needed)
    {
        if (_buffer is not null && _buffer.Length >= needed)
        {
            return;
        }

        int size = Math.Max(needed, InitialBufferBytes);
        if (_buffer is not null)
        {
            size = Math.Max(size, (int)Math.Min((long)_buffer.Length * 2, _maxFrameBytes));
        }
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = bigger;
    }
}
