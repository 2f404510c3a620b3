namespace CameraCloud.Gateway.Agents;

/// <summary>
/// Lets one message through per interval and counts the ones it holds back, so a VMS that retries an
/// offline agent's port every second writes one line a minute, not sixty. Thread-safe.
/// </summary>
internal sealed class BoundedLogGate(TimeProvider time, TimeSpan interval)
{
    private readonly Lock _gate = new();
    private long _lastLogged = long.MinValue;
    private long _suppressed;

    /// <returns>true with the number held back since the last message when this one should be logged.</returns>
    public bool TryEnter(out long suppressed)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (_lastLogged != long.MinValue && time.GetElapsedTime(_lastLogged, now) < interval)
            {
                _suppressed++;
                suppressed = 0;
                return false;
            }
            _lastLogged = now;
            suppressed = _suppressed;
            _suppressed = 0;
            return true;
        }
    }
}
