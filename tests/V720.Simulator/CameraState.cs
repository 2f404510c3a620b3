using System.Text;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// Everything a simulated camera keeps across its TCP connections: identity, counters, logs and the settings
/// a real camera persists. Written by the session's loops, read by tests from any thread; each change that a
/// waiter may care about calls <see cref="ChangeNotifier.Notify"/>.
/// </summary>
internal sealed class CameraState
{
    private long _framesSent;
    private long _packetsSent;
    private long _audioPacketsSent;
    private long _packetsDropped;
    private long _corruptFramesSent;
    private long _garbageDatagramsSent;
    private long _heartbeatsSent;
    private long _acksReceived;
    private long _probesReceived;
    private long _probesThisStart;
    private long _mostProbesInOneStart;
    private long _natRequests;
    private long _registrations;
    private long _streamStarts;
    private long _streamStops;
    private long _stoppedForMissingAcks;
    private long _connectionsLost;
    private long _nextFrameSeq;
    private long _lastAckTimestamp;
    private uint _lastPkgId;
    private int _registered;
    private int _streaming;
    private int _lastStopReason = -1;
    private string _deviceId = string.Empty;
    private byte[] _deviceIdAscii = [];

    public CameraState(SimulatedCameraOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        Acks = new BoundedLog<ReceivedAck>(options.AckLogCapacity);
        Commands = new BoundedLog<ReceivedCommand>(options.CommandLogCapacity);
        _lastPkgId = unchecked(options.InitialPkgId - 1);
    }

    public SimulatedCameraOptions Options { get; }

    public TimeProvider Time { get; }

    public ChangeNotifier Changes { get; } = new();

    public BoundedLog<ReceivedAck> Acks { get; }

    public BoundedLog<ReceivedCommand> Commands { get; }

    /// <summary>Settings reported in the 301/4 base info.</summary>
    public DeviceSettings Settings { get; } = new();

    public string DeviceId => Volatile.Read(ref _deviceId);

    /// <summary>The id in ASCII for the frame tag, so that tagging a frame allocates nothing.</summary>
    public byte[] DeviceIdAscii => Volatile.Read(ref _deviceIdAscii);

    public bool IsRegistered => Volatile.Read(ref _registered) == 1;

    public bool IsStreaming => Volatile.Read(ref _streaming) == 1;

    public StreamStopReason? LastStopReason =>
        Volatile.Read(ref _lastStopReason) is int reason and >= 0 ? (StreamStopReason)reason : null;

    public long FramesSent => Interlocked.Read(ref _framesSent);
    public long PacketsSent => Interlocked.Read(ref _packetsSent);
    public long AudioPacketsSent => Interlocked.Read(ref _audioPacketsSent);
    public long PacketsDropped => Interlocked.Read(ref _packetsDropped);
    public long CorruptFramesSent => Interlocked.Read(ref _corruptFramesSent);
    public long GarbageDatagramsSent => Interlocked.Read(ref _garbageDatagramsSent);
    public long HeartbeatsSent => Interlocked.Read(ref _heartbeatsSent);
    public long AcksReceived => Interlocked.Read(ref _acksReceived);
    public long ProbesReceived => Interlocked.Read(ref _probesReceived);
    public long ProbesThisStart => Interlocked.Read(ref _probesThisStart);
    public long MostProbesInOneStart => Interlocked.Read(ref _mostProbesInOneStart);
    public long NatRequests => Interlocked.Read(ref _natRequests);
    public long Registrations => Interlocked.Read(ref _registrations);
    public long StreamStarts => Interlocked.Read(ref _streamStarts);
    public long StreamStops => Interlocked.Read(ref _streamStops);
    public long StoppedForMissingAcks => Interlocked.Read(ref _stoppedForMissingAcks);
    public long ConnectionsLost => Interlocked.Read(ref _connectionsLost);
    public uint LastPkgId => Volatile.Read(ref _lastPkgId);
    public long LastAckTimestamp => Interlocked.Read(ref _lastAckTimestamp);

    public void SetDeviceId(string deviceId)
    {
        Volatile.Write(ref _deviceIdAscii, Encoding.ASCII.GetBytes(deviceId));
        Volatile.Write(ref _deviceId, deviceId);
        Changes.Notify();
    }

    public void OnRegistered()
    {
        Interlocked.Increment(ref _registrations);
        Volatile.Write(ref _registered, 1);
        Changes.Notify();
    }

    public void OnConnectionClosed(bool lost)
    {
        if (lost)
        {
            Interlocked.Increment(ref _connectionsLost);
        }
        Volatile.Write(ref _registered, 0);
        Changes.Notify();
    }

    public void OnStreamStarted()
    {
        Interlocked.Exchange(ref _lastAckTimestamp, Time.GetTimestamp()); // the 605 clock starts with the stream
        Interlocked.Increment(ref _streamStarts);
        Volatile.Write(ref _streaming, 1);
        Changes.Notify();
    }

    public void OnStreamStopped(StreamStopReason reason)
    {
        if (reason == StreamStopReason.MissingAcks)
        {
            Interlocked.Increment(ref _stoppedForMissingAcks);
        }
        Volatile.Write(ref _lastStopReason, (int)reason);
        Interlocked.Increment(ref _streamStops);
        Volatile.Write(ref _streaming, 0);
        Changes.Notify();
    }

    public void OnAck(uint[] pkgIds)
    {
        Acks.Add(new ReceivedAck(Time.GetUtcNow(), pkgIds));
        Interlocked.Exchange(ref _lastAckTimestamp, Time.GetTimestamp());
        Interlocked.Increment(ref _acksReceived);
        Changes.Notify();
    }

    public void OnCommand(int code, int? contentCode, string json)
    {
        Commands.Add(new ReceivedCommand(Time.GetUtcNow(), code, contentCode, json));
        Changes.Notify();
    }

    /// <summary>A code 11: from here on, 50s count towards a new start.</summary>
    public void OnNatRequest()
    {
        Interlocked.Increment(ref _natRequests);
        Interlocked.Exchange(ref _probesThisStart, 0);
        Changes.Notify();
    }

    public void OnProbe()
    {
        Interlocked.Increment(ref _probesReceived);
        var thisStart = Interlocked.Increment(ref _probesThisStart);
        long most;
        while (thisStart > (most = Interlocked.Read(ref _mostProbesInOneStart))
            && Interlocked.CompareExchange(ref _mostProbesInOneStart, thisStart, most) != most)
        {
        }
        Changes.Notify();
    }

    public void OnHeartbeat()
    {
        Interlocked.Increment(ref _heartbeatsSent);
        Changes.Notify();
    }

    /// <summary>The next media pkg_id: one counter for video and audio, wrapping like the camera's u32.</summary>
    public uint NextPkgId() => Interlocked.Increment(ref _lastPkgId);

    public long NextFrameSeq() => Interlocked.Increment(ref _nextFrameSeq) - 1;

    public void OnMediaPacketSent(bool audio)
    {
        Interlocked.Increment(ref _packetsSent);
        if (audio)
        {
            Interlocked.Increment(ref _audioPacketsSent);
        }
    }

    public void OnMediaPacketDropped() => Interlocked.Increment(ref _packetsDropped);

    public void OnGarbageSent() => Interlocked.Increment(ref _garbageDatagramsSent);

    /// <summary>Counted per frame rather than per packet: waiters wake at most at the frame rate.</summary>
    public void OnFrameSent(bool corrupt)
    {
        if (corrupt)
        {
            Interlocked.Increment(ref _corruptFramesSent);
        }
        Interlocked.Increment(ref _framesSent);
        Changes.Notify();
    }

    public void Log(string message)
    {
        var sink = Options.Log;
        sink?.Invoke($"[sim {DeviceId}] {message}");
    }
}
