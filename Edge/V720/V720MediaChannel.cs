using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using CameraCloud.Cameras;
using CameraCloud.Codecs.V720;

namespace CameraCloud.Edge.V720;

/// <summary>
/// The UDP half of one camera session: its bound peer address, JPEG reassembly and 605 bookkeeping.
/// Packets arrive on the UDP receive loop and acknowledgements leave on the ack ticker, so the state is
/// guarded by one lock, held for microseconds.
/// </summary>
public sealed class V720MediaChannel(string cameraId, int maxFrameBytes, TimeProvider time, Action<JpegFrame> onFrame, Action<AudioChunk> onAudio)
{
    private readonly Lock _gate = new();
    private readonly JpegReassembler _reassembler = new(maxFrameBytes);
    private readonly AckCollector _acks = new();
    private readonly ProbeAnswerBudget _probeAnswers = new();
    private SocketAddress? _peer;
    private bool _acking;
    private long _frameSequence;
    private long _packets;
    private long _audioPackets;
    private long _acksSent;
    private long _streamStarts;
    private long _probesAnswered;
    private long _probesIgnored;
    private long _probesFromOtherAddresses;

    public string CameraId { get; } = cameraId;

    public SocketAddress? Peer
    {
        get
        {
            lock (_gate)
            {
                return _peer;
            }
        }
    }

    /// <summary>
    /// A probe (51) from <paramref name="peer"/>: within the <see cref="ProbeAnswerBudget"/> it binds the camera's
    /// media source address and returns true, so the caller answers with a 50; <paramref name="previous"/> is the
    /// address bound before. Past the budget, or between streams, the probe is counted and changes nothing.
    /// </summary>
    public bool TryAcceptProbe(SocketAddress peer, out SocketAddress? previous)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            previous = _peer;
            if (!_probeAnswers.TryTake(now))
            {
                _probesIgnored++;
                return false;
            }
            _probesAnswered++;
            _peer = peer;
            return true;
        }
    }

    /// <summary>A probe naming this camera came from an address other than its control connection's: dropped.</summary>
    public void CountProbeFromOtherAddress()
    {
        lock (_gate)
        {
            _probesFromOtherAddresses++;
        }
    }

    /// <summary>A new start: counts it, lets its probes be answered and forgets a half-received frame.</summary>
    public void BeginStream()
    {
        lock (_gate)
        {
            _streamStarts++;
            _probeAnswers.BeginStart();
            _reassembler.Reset();
        }
    }

    /// <summary>The stream stopped: no more 605s, no peer and no probe answered until the next start.</summary>
    public SocketAddress? EndStream()
    {
        lock (_gate)
        {
            var peer = _peer;
            _peer = null;
            _probeAnswers.EndStart();
            _acking = false;
            _acks.Reset();
            _reassembler.Reset();
            return peer;
        }
    }

    /// <summary>
    /// Handles one media packet. Returns true when this was the first end-of-frame of the stream, so the
    /// caller sends the empty 605 at once and starts acknowledging every <c>AckInterval</c> (§6.3).
    /// </summary>
    public bool OnMediaPacket(in V720Header header, ReadOnlySpan<byte> payload)
    {
        JpegFrame? frame = null;
        AudioChunk? audio = null;
        bool firstFrameEnd = false;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _packets++;
            _acks.Record(header.PkgId);
            // Audio goes through the reassembler too: if audio shares the camera's pkg_id counter, its ids
            // fill what would otherwise look like gaps in a frame.
            var status = _reassembler.Accept(header, payload, out var bytes);
            if (status == ReassemblyStatus.Completed && bytes is not null)
            {
                frame = new JpegFrame(++_frameSequence, now, bytes);
            }
            if (header.Cmd == V720Cmd.Jpeg)
            {
                if (header.MsgFlag is V720MsgFlag.Last or V720MsgFlag.Whole && _acks.MarkFrameEnded())
                {
                    _acking = true;
                    firstFrameEnd = true;
                }
            }
            else if (header.Cmd is V720Cmd.G711ALaw or V720Cmd.Pcm)
            {
                _audioPackets++;
                audio = new AudioChunk(header.Cmd == V720Cmd.Pcm ? AudioFormat.Pcm16 : AudioFormat.ALaw, now, StripAudioTrailer(payload).ToArray());
            }
        }

        if (frame is not null)
        {
            onFrame(frame);
        }
        if (audio is not null)
        {
            onAudio(audio);
        }
        return firstFrameEnd;
    }

    /// <summary>The 605 datagrams due now and where they go; empty when not acknowledging.</summary>
    public (SocketAddress? Peer, IReadOnlyList<byte[]> Datagrams) TakeAcknowledgements()
    {
        lock (_gate)
        {
            if (!_acking || _peer is null)
            {
                return (null, []);
            }
            var datagrams = _acks.TakeConfirmations();
            _acksSent += datagrams.Count;
            return (_peer, datagrams);
        }
    }

    public void CountAcknowledgementSent()
    {
        lock (_gate)
        {
            _acksSent++;
        }
    }

    public MediaCounters ReadCounters()
    {
        lock (_gate)
        {
            return new MediaCounters
            {
                PacketsReceived = _packets,
                FramesCompleted = _reassembler.FramesCompleted,
                FramesDroppedIncomplete = _reassembler.FramesDroppedIncomplete,
                FramesDroppedCorrupt = _reassembler.FramesDroppedCorrupt,
                AudioPackets = _audioPackets,
                AcknowledgementsSent = _acksSent,
                StreamStarts = _streamStarts,
                ProbesAnswered = _probesAnswered,
                ProbesIgnored = _probesIgnored,
                ProbesFromOtherAddresses = _probesFromOtherAddresses,
            };
        }
    }

    /// <summary>
    /// Whether audio packets carry the video's 5-byte trailer is unverified (§6.2); strip it only when its
    /// length field matches, so both readings of the spec play correctly.
    /// </summary>
    private static ReadOnlySpan<byte> StripAudioTrailer(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > 5 && BinaryPrimitives.ReadUInt32LittleEndian(payload[^4..]) == (uint)(payload.Length - 5))
        {
            return payload[..^5];
        }
        return payload;
    }
}
