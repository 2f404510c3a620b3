namespace CameraCloud.Edge.V720;

/// <summary>
/// How many UDP 51s of one camera get a 50 back (§5.2 step 4). Firmware sends a 51 after code 12 and again after
/// every 50 it receives, so answering every 51 ping-pongs for as long as the stream runs. A start needs a few: the
/// reference server answers two and proceeds on the third; we proceed on the first and answer at most
/// <see cref="AnswersPerStart"/>, so that a lost 50 is covered. On top of that, a token bucket
/// (<see cref="AnswersPerStart"/> deep, one token back per <see cref="RefillInterval"/>) bounds the answers at all
/// times, whatever restarts the stream: no camera behaviour can make the server send more than that. The bucket
/// is full again 1.5 s after a start, sooner than the next start can come (by default a stop waits 2 s after a start,
/// <see cref="V720Options.MinStartToStop"/>), so it only bites when something restarts streams in a loop.
/// Not thread-safe: the media channel calls it under its lock.
/// </summary>
public sealed class ProbeAnswerBudget
{
    public const int AnswersPerStart = 3;

    public static readonly TimeSpan RefillInterval = TimeSpan.FromMilliseconds(500);

    private int _leftThisStart;
    private int _tokens = AnswersPerStart;
    private DateTimeOffset _refilledAt = DateTimeOffset.MinValue;

    /// <summary>A stream start: its 51s may be answered again.</summary>
    public void BeginStart() => _leftThisStart = AnswersPerStart;

    /// <summary>The stream stopped: no 51 is answered until the next start.</summary>
    public void EndStart() => _leftThisStart = 0;

    /// <summary>True when a 51 arriving at <paramref name="now"/> gets a 50; the answer is then counted.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        Refill(now);
        if (_leftThisStart == 0 || _tokens == 0)
        {
            return false;
        }
        _leftThisStart--;
        _tokens--;
        return true;
    }

    private void Refill(DateTimeOffset now)
    {
        if (_tokens == AnswersPerStart || now < _refilledAt)
        {
            // Full (the refill clock restarts from the next answer), or the clock stepped back: no credit for that.
            _refilledAt = now;
            return;
        }
        var earned = (now - _refilledAt).Ticks / RefillInterval.Ticks;
        if (earned >= AnswersPerStart - _tokens)
        {
            _tokens = AnswersPerStart;
            _refilledAt = now;
            return;
        }
        _tokens += (int)earned;
        _refilledAt += RefillInterval * earned;
    }
}
