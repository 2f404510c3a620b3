using System.Net;
using System.Net.Sockets;
using CameraCloud.Codecs.V720;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// One live stream's media loop (spec §6): <c>Fps</c> tagged JPEG frames cut into cmd 1 datagrams, 20 audio
/// packets a second, one pkg_id counter for both, and the 605 watchdog. Paced by one reusable timer on the
/// camera's <see cref="TimeProvider"/>; its buffers are allocated once per stream, so sending a packet
/// allocates nothing. Runs as an async loop, never a thread of its own.
/// </summary>
internal sealed class MediaSender
{
    private const int MaxGarbageSize = 1400;

    private readonly CameraState _state;
    private readonly Socket _udp;
    private readonly Func<SocketAddress> _target;
    private readonly Random _random;
    private readonly SimulatedCameraOptions _options;
    private readonly byte[] _framed;
    private readonly byte[] _packet = new byte[JpegFragmenter.MaxDatagramSize];
    private readonly byte[] _audioPacket;
    private readonly byte[] _garbage = new byte[MaxGarbageSize];

    /// <summary><paramref name="target"/> says where media goes now: the address that answered 50, else host:tcpPort.</summary>
    public MediaSender(CameraState state, Socket udp, Func<SocketAddress> target, Random random)
    {
        _state = state;
        _udp = udp;
        _target = target;
        _random = random;
        _options = state.Options;
        _framed = new byte[SimulatedFrames.MaxLength + SimulatedFrameTag.SegmentLength(state.DeviceId, long.MaxValue)
            + JpegFragmenter.TrailerSize];
        var samples = (_options.AudioCmd == V720Cmd.Pcm ? SimulatedAudio.PcmPacket : SimulatedAudio.ALawPacket).Span;
        _audioPacket = new byte[V720Header.Size + samples.Length];
        samples.CopyTo(_audioPacket.AsSpan(V720Header.Size));
    }

    /// <summary>
    /// Sends until <paramref name="ct"/> is cancelled (301/0, TCP loss) or no 605 arrived for AckTimeout,
    /// in which case <paramref name="onMissingAcks"/> is called and the loop ends.
    /// </summary>
    public async Task RunAsync(Action onMissingAcks, CancellationToken ct)
    {
        var time = _state.Time;
        var videoPeriod = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / _options.Fps);
        var audioPeriod = SimulatedAudio.PacketDuration;
        long start = time.GetTimestamp();
        var nextVideo = TimeSpan.Zero;
        var nextAudio = _options.SendAudio ? audioPeriod / 2 : TimeSpan.MaxValue; // audio between frames, like the camera interleaves
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time); // re-armed before every wait
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (AcksOverdue(time))
                {
                    onMissingAcks();
                    return;
                }

                var now = time.GetElapsedTime(start);
                if (now >= nextVideo)
                {
                    await SendFrameAsync(ct).ConfigureAwait(false);
                    nextVideo = Advance(nextVideo, videoPeriod, now);
                }
                if (now >= nextAudio)
                {
                    await SendAudioAsync(ct).ConfigureAwait(false);
                    nextAudio = Advance(nextAudio, audioPeriod, now);
                }

                var wake = nextVideo < nextAudio ? nextVideo : nextAudio;
                var delay = wake - time.GetElapsedTime(start);
                if (_options.AckTimeout != Timeout.InfiniteTimeSpan)
                {
                    var untilOverdue = _options.AckTimeout - time.GetElapsedTime(_state.LastAckTimestamp);
                    delay = untilOverdue < delay ? untilOverdue : delay;
                }
                if (delay > TimeSpan.Zero)
                {
                    // Re-arming one PeriodicTimer instead of Task.Delay: waiting allocates nothing.
                    timer.Period = delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay;
                    await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopped by 301/0, a lost connection or disposal
        }
        catch (ObjectDisposedException)
        {
            // the UDP socket was closed under us: the session is going away
        }
    }

    /// <summary>Next due time; a camera that fell behind (GC pause, a clock jump) skips instead of bursting.</summary>
    private static TimeSpan Advance(TimeSpan due, TimeSpan period, TimeSpan now)
    {
        var next = due + period;
        return next > now ? next : now + period;
    }

    private bool AcksOverdue(TimeProvider time) =>
        _options.AckTimeout != Timeout.InfiniteTimeSpan
        && time.GetElapsedTime(_state.LastAckTimestamp) >= _options.AckTimeout;

    private async ValueTask SendFrameAsync(CancellationToken ct)
    {
        long seq = _state.NextFrameSeq();
        int jpegLength = SimulatedFrameTag.Write(SimulatedFrames.Get(seq).Span, _state.DeviceIdAscii, seq, _framed);
        bool corrupt = _options.CorruptFrameRate > 0 && _random.NextDouble() < _options.CorruptFrameRate;
        // A corrupt frame declares one byte more than it carries: a reassembler must drop it.
        JpegFragmenter.WriteTrailer(_framed.AsSpan(jpegLength), corrupt ? (uint)jpegLength + 1 : (uint)jpegLength);
        int framedLength = JpegFragmenter.FramedLength(jpegLength);

        int count = JpegFragmenter.FragmentCount(framedLength);
        _options.FrameSending?.Invoke(seq);
        for (int i = 0; i < count; i++)
        {
            int length = JpegFragmenter.WriteFragment(_framed.AsSpan(0, framedLength), i, _state.NextPkgId(), _packet);
            await SendMediaAsync(_packet.AsMemory(0, length), audio: false, ct).ConfigureAwait(false);
        }
        _state.OnFrameSent(corrupt);
    }

    private ValueTask SendAudioAsync(CancellationToken ct)
    {
        new V720Header((uint)(_audioPacket.Length - V720Header.Size), _options.AudioCmd, V720MsgFlag.Whole, 0,
            CameraMessages.CameraForwardId, _state.NextPkgId()).Write(_audioPacket);
        return SendMediaAsync(_audioPacket, audio: true, ct);
    }

    private async ValueTask SendMediaAsync(ReadOnlyMemory<byte> datagram, bool audio, CancellationToken ct)
    {
        var target = _target();
        if (_options.PacketLossRate > 0 && _random.NextDouble() < _options.PacketLossRate)
        {
            _state.OnMediaPacketDropped();
        }
        else if (await TrySendAsync(datagram, target, ct).ConfigureAwait(false))
        {
            _state.OnMediaPacketSent(audio);
        }
        else
        {
            _state.OnMediaPacketDropped();
        }

        if (_options.GarbageDatagramRate > 0 && _random.NextDouble() < _options.GarbageDatagramRate)
        {
            var garbage = _garbage.AsMemory(0, _random.Next(1, MaxGarbageSize + 1));
            _random.NextBytes(garbage.Span);
            if (await TrySendAsync(garbage, target, ct).ConfigureAwait(false))
            {
                _state.OnGarbageSent();
            }
        }
    }

    private async ValueTask<bool> TrySendAsync(ReadOnlyMemory<byte> datagram, SocketAddress target, CancellationToken ct)
    {
        try
        {
            await _udp.SendToAsync(datagram, SocketFlags.None, target, ct).ConfigureAwait(false);
            return true;
        }
        catch (SocketException e)
        {
            // UDP has no connection to lose: an ICMP error or a full buffer costs this datagram only.
            _state.Log($"UDP send to {IPEndPointText(target)} failed: {e.SocketErrorCode}");
            return false;
        }
    }

    private static string IPEndPointText(SocketAddress address)
    {
        try
        {
            return new IPEndPoint(IPAddress.Any, 0).Create(address).ToString() ?? "?";
        }
        catch (ArgumentException)
        {
            return "?";
        }
    }
}
