using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

public sealed partial class TunnelSession
{
    /// <summary>
    /// Sends PING every ping interval and ends the session with GOAWAY TIMEOUT once nothing at all
    /// has arrived for the ping timeout. It sleeps until whichever comes first, so a dead peer is
    /// noticed at the timeout, not up to an interval later.
    /// </summary>
    private async Task PingLoopAsync(CancellationToken ct)
    {
        long interval = ToTimestampTicks(pingInterval);
        long timeout = ToTimestampTicks(pingTimeout);
        long nextPing = time.GetTimestamp() + interval;
        ulong sequence = 0;
        try
        {
            while (!IsEnding)
            {
                long now = time.GetTimestamp();
                long lastHeard = Volatile.Read(ref lastReceivedTimestamp);
                if (now - lastHeard >= timeout)
                {
                    End(SessionEndKind.GoAwayNoWait, TunnelErrorCode.Timeout,
                        $"nothing received for {pingTimeout.TotalSeconds:0.###} s");
                    return;
                }
                if (now >= nextPing)
                {
                    // A full control queue means frames are waiting to go out anyway; skip this one.
                    outbound.TryEnqueue(OpaqueFrame(TunnelFrameType.Ping, ++sequence), isControl: true);
                    nextPing = now + interval;
                    continue;
                }
                long wake = Math.Min(nextPing, lastHeard + timeout);
                await Task.Delay(ToTimeSpan(wake - now), time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // RunAsync is finishing.
        }
    }

    private long ToTimestampTicks(TimeSpan span) => (long)Math.Ceiling(span.Ticks * (time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    private TimeSpan ToTimeSpan(long timestampTicks) =>
        TimeSpan.FromTicks((long)Math.Ceiling(timestampTicks * (TimeSpan.TicksPerSecond / (double)time.TimestampFrequency)));
}
