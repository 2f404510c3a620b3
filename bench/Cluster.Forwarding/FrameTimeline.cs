using System.Diagnostics;

namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>
/// One camera's frames during the latency window, keyed by the simulator's frame seq: the send time from the
/// camera's hook and the arrival time at each viewer, all on the bench process's one Stopwatch clock. Only frames
/// sent while the window is open count; arrivals are kept until <see cref="Freeze"/>, so late frames still land.
/// </summary>
public sealed class FrameTimeline(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, FrameTimes> _frames = [];
    private bool _open;
    private bool _frozen = true;

    /// <summary>Events that found the table full: the window was longer than the capacity allows.</summary>
    public int Overflowed { get; private set; }

    /// <summary>Starts the window: frames sent from now on are timed.</summary>
    public void Open()
    {
        lock (_gate)
        {
            _frames.Clear();
            Overflowed = 0;
            _open = true;
            _frozen = false;
        }
    }

    /// <summary>Ends the window for sends; arrivals of frames already sent are still recorded.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _open = false;
        }
    }

    /// <summary>Stops all recording and returns the frames sent in the window.</summary>
    public IReadOnlyList<FrameTimes> Freeze()
    {
        lock (_gate)
        {
            _frozen = true;
            return [.. _frames.Values];
        }
    }

    /// <summary>The camera's hook: called on its media loop just before the frame's first datagram.</summary>
    public void OnSending(long seq)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (!_open)
            {
                return;
            }
            if (_frames.Count < capacity)
            {
                _frames.TryAdd(seq, new FrameTimes(now, 0, 0));
            }
            else
            {
                Overflowed++;
            }
        }
    }

    /// <summary>A viewer had frame <paramref name="seq"/> whole at <paramref name="timestamp"/>; only its first arrival per path counts.</summary>
    public void OnArrived(ViewerPath path, long seq, long timestamp)
    {
        lock (_gate)
        {
            // Frames sent outside the window have no entry and get none. The hook runs before the first datagram,
            // so a frame of the window always has its entry before any viewer can have it.
            if (_frozen || !_frames.TryGetValue(seq, out var times))
            {
                return;
            }
            _frames[seq] = path switch
            {
                ViewerPath.Direct when times.Direct == 0 => times with { Direct = timestamp },
                ViewerPath.Forwarded when times.Forwarded == 0 => times with { Forwarded = timestamp },
                _ => times,
            };
        }
    }
}
